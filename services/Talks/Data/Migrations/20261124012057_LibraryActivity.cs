using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Talks.Data.Migrations
{
    /// <inheritdoc />
    public partial class LibraryActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "talk_bookmarks",
                columns: table => new
                {
                    talk_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attendee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_talk_bookmarks", x => new { x.talk_id, x.attendee_id });
                    table.ForeignKey(
                        name: "fk_talk_bookmarks_talks_talk_id",
                        column: x => x.talk_id,
                        principalTable: "talks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "talk_views",
                columns: table => new
                {
                    talk_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attendee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    viewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_talk_views", x => new { x.talk_id, x.attendee_id });
                    table.ForeignKey(
                        name: "fk_talk_views_talks_talk_id",
                        column: x => x.talk_id,
                        principalTable: "talks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_talk_bookmarks_attendee_id_created_at",
                table: "talk_bookmarks",
                columns: new[] { "attendee_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "talk_bookmarks");

            migrationBuilder.DropTable(
                name: "talk_views");
        }
    }
}
