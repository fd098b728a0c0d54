using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Matchmaking.Data.Migrations
{
    /// <inheritdoc />
    public partial class WaitlistNetworking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "meets_waitlisted",
                table: "pool_members",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "waitlisted",
                table: "pool_members",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "waitlist_networking",
                table: "networking_events",
                type: "boolean",
                nullable: false,
                // The waitlist networks unless the organizer turns it off, at events made before the setting too.
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "meets_waitlisted",
                table: "pool_members");

            migrationBuilder.DropColumn(
                name: "waitlisted",
                table: "pool_members");

            migrationBuilder.DropColumn(
                name: "waitlist_networking",
                table: "networking_events");
        }
    }
}
