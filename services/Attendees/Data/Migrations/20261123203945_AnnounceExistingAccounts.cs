using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Attendees.Data.Migrations
{
    /// <summary>
    /// Accounts made before AttendeeSignedUp existed are announced once, through the outbox like any sign-up, so that
    /// Notifications learns every address it may write to (the relay publishes these rows after the migration).
    /// </summary>
    public partial class AnnounceExistingAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO outbox_messages (id, message_type, body, created_at, attempts)
                SELECT gen_random_uuid(),
                       'EventPlatform.Contracts.Attendees.AttendeeSignedUp, EventPlatform.Contracts',
                       jsonb_build_object('attendeeId', id, 'email', email, 'displayName', display_name, 'occurredAt', created_at),
                       now(), 0
                FROM attendees
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
