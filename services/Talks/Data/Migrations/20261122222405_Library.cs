using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace EventPlatform.Talks.Data.Migrations
{
    /// <inheritdoc />
    public partial class Library : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "archived_at",
                table: "talks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "seed_hash",
                table: "talks",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "speaker_names",
                table: "talks",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "tag_words",
                table: "talks",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "talks",
                type: "tsvector",
                nullable: false,
                computedColumnSql: "setweight(to_tsvector('english'::regconfig, title), 'A')\n|| setweight(to_tsvector('english'::regconfig, tag_words || ' ' || speaker_names), 'B')\n|| setweight(to_tsvector('english'::regconfig, abstract || ' ' || event_name), 'C')",
                stored: true);

            migrationBuilder.CreateTable(
                name: "questions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    talk_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    votes = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_questions", x => x.id);
                    table.CheckConstraint("ck_questions_votes", "votes >= 0");
                    table.ForeignKey(
                        name: "fk_questions_talks_talk_id",
                        column: x => x.talk_id,
                        principalTable: "talks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "talk_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_talk_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "question_votes",
                columns: table => new
                {
                    question_id = table.Column<Guid>(type: "uuid", nullable: false),
                    voter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_question_votes", x => new { x.question_id, x.voter_id });
                    table.ForeignKey(
                        name: "fk_question_votes_questions_question_id",
                        column: x => x.question_id,
                        principalTable: "questions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_talks_search_vector",
                table: "talks",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_talks_year_date",
                table: "talks",
                columns: new[] { "year", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_questions_talk_id_created_at",
                table: "questions",
                columns: new[] { "talk_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_questions_talk_id_votes",
                table: "questions",
                columns: new[] { "talk_id", "votes" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "question_votes");

            migrationBuilder.DropTable(
                name: "talk_events");

            migrationBuilder.DropTable(
                name: "questions");

            migrationBuilder.DropIndex(
                name: "ix_talks_search_vector",
                table: "talks");

            migrationBuilder.DropIndex(
                name: "ix_talks_year_date",
                table: "talks");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "talks");

            migrationBuilder.DropColumn(
                name: "archived_at",
                table: "talks");

            migrationBuilder.DropColumn(
                name: "seed_hash",
                table: "talks");

            migrationBuilder.DropColumn(
                name: "speaker_names",
                table: "talks");

            migrationBuilder.DropColumn(
                name: "tag_words",
                table: "talks");
        }
    }
}
