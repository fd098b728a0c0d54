using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Matchmaking.Data.Migrations
{
    /// <inheritdoc />
    public partial class RememberedProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attendee_profiles",
                columns: table => new
                {
                    attendee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    profile = table.Column<string>(type: "jsonb", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendee_profiles", x => x.attendee_id);
                });

            // Each person's newest profile among the pools they are already in.
            migrationBuilder.Sql("""
                INSERT INTO attendee_profiles (attendee_id, profile, changed_at)
                SELECT DISTINCT ON (attendee_id) attendee_id,
                       jsonb_build_object('displayName', display_name, 'headline', headline, 'company', company,
                                          'interests', to_jsonb(interests), 'intents', to_jsonb(intents), 'timeZone', time_zone,
                                          'directoryVisible', directory_visible, 'directoryFields', to_jsonb(directory_fields),
                                          'networkingOptIn', networking_opt_in),
                       profile_changed_at
                FROM pool_members
                WHERE display_name <> ''
                ORDER BY attendee_id, profile_changed_at DESC
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attendee_profiles");
        }
    }
}
