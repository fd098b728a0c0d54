using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EventPlatform.Events.Data.Migrations
{
    /// <summary>
    /// Every upcoming or live event is announced once more (an EventUpdated of its current version, through the outbox),
    /// so that a part added after the event was published (Notifications) keeps it too. For the parts that already have
    /// it, the same version changes nothing.
    /// </summary>
    public partial class AnnounceEventsToNewReplicas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO outbox_messages (id, message_type, body, created_at, attempts)
                SELECT gen_random_uuid(),
                       'EventPlatform.Contracts.Events.EventUpdated, EventPlatform.Contracts',
                       jsonb_build_object(
                           'event', jsonb_build_object(
                               'eventId', id, 'title', title, 'description', description, 'kind', lower(kind), 'status', lower(status),
                               'startsAt', starts_at, 'endsAt', ends_at, 'timeZone', time_zone, 'capacity', capacity,
                               'topics', to_jsonb(topics),
                               'registrationOpensAt', registration_opens_at, 'registrationClosesAt', registration_closes_at,
                               'networkingOpensAt', coalesce(networking_opens_at_override, starts_at - interval '14 days'),
                               'joinUrl', join_url, 'version', version,
                               'organizerIds', to_jsonb(array_prepend(organizer_id, co_organizer_ids))),
                           'occurredAt', now()),
                       now(), 0
                FROM events
                WHERE status IN ('Published', 'Live') AND starts_at IS NOT NULL AND ends_at IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
