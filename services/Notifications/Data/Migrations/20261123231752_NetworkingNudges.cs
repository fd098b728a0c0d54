using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkingNudges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "awaits_digest",
                table: "notifications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "contacts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "digest_settings",
                columns: table => new
                {
                    attendee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_digest_settings", x => x.attendee_id);
                });

            migrationBuilder.CreateTable(
                name: "pending_message_notices",
                columns: table => new
                {
                    match_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sender_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    messages = table.Column<int>(type: "integer", nullable: false),
                    first_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_message_notices", x => new { x.match_id, x.recipient_id });
                });

            migrationBuilder.CreateTable(
                name: "sent_digests",
                columns: table => new
                {
                    attendee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sent_digests", x => new { x.attendee_id, x.day });
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_awaiting_digest",
                table: "notifications",
                column: "recipient_id",
                filter: "awaits_digest");

            migrationBuilder.CreateIndex(
                name: "ix_pending_message_notices_due_at",
                table: "pending_message_notices",
                column: "due_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "digest_settings");

            migrationBuilder.DropTable(
                name: "pending_message_notices");

            migrationBuilder.DropTable(
                name: "sent_digests");

            migrationBuilder.DropIndex(
                name: "ix_notifications_awaiting_digest",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "awaits_digest",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "contacts");
        }
    }
}
