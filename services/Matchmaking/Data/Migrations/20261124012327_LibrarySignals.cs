using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Matchmaking.Data.Migrations
{
    /// <inheritdoc />
    public partial class LibrarySignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "library_signals",
                columns: table => new
                {
                    attendee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    talk_id = table.Column<Guid>(type: "uuid", nullable: false),
                    talk_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: true),
                    asked = table.Column<bool>(type: "boolean", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_library_signals", x => new { x.attendee_id, x.key, x.source_id });
                });

            migrationBuilder.CreateTable(
                name: "signal_preferences",
                columns: table => new
                {
                    attendee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    use_views = table.Column<bool>(type: "boolean", nullable: false),
                    use_bookmarks = table.Column<bool>(type: "boolean", nullable: false),
                    use_questions = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signal_preferences", x => x.attendee_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_library_signals_event_id",
                table: "library_signals",
                column: "event_id",
                filter: "event_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_library_signals_source",
                table: "library_signals",
                columns: new[] { "source_id", "active" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "library_signals");

            migrationBuilder.DropTable(
                name: "signal_preferences");
        }
    }
}
