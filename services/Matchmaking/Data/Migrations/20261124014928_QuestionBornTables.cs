using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Matchmaking.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuestionBornTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "awaiting_host",
                table: "topic_tables",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "question_id",
                table: "topic_tables",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "question_text",
                table: "topic_tables",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "talk_id",
                table: "topic_tables",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "upvoters_first_until",
                table: "topic_tables",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "withdrawn",
                table: "topic_tables",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "question_table_threshold",
                table: "networking_events",
                type: "integer",
                nullable: false,
                // Events from before: question-born tables on, at the default threshold.
                defaultValue: 5);

            migrationBuilder.CreateTable(
                name: "question_states",
                columns: table => new
                {
                    question_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_question_states", x => x.question_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_topic_tables_question_id",
                table: "topic_tables",
                column: "question_id",
                unique: true,
                filter: "question_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "question_states");

            migrationBuilder.DropIndex(
                name: "ix_topic_tables_question_id",
                table: "topic_tables");

            migrationBuilder.DropColumn(
                name: "awaiting_host",
                table: "topic_tables");

            migrationBuilder.DropColumn(
                name: "question_id",
                table: "topic_tables");

            migrationBuilder.DropColumn(
                name: "question_text",
                table: "topic_tables");

            migrationBuilder.DropColumn(
                name: "talk_id",
                table: "topic_tables");

            migrationBuilder.DropColumn(
                name: "upvoters_first_until",
                table: "topic_tables");

            migrationBuilder.DropColumn(
                name: "withdrawn",
                table: "topic_tables");

            migrationBuilder.DropColumn(
                name: "question_table_threshold",
                table: "networking_events");
        }
    }
}
