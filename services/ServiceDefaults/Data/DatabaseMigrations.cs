using Microsoft.EntityFrameworkCore.Migrations;

namespace EventPlatform.ServiceDefaults.Data;

public static class DatabaseMigrations
{
    public const string OutboxChannel = "outbox_messages";

    /// <summary>
    /// NOTIFY on insert into the outbox wakes the relay at once. Notifications are delivered only when the
    /// inserting transaction commits, so a rolled-back change never wakes it.
    /// </summary>
    public static void CreateOutboxNotifyTrigger(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(OutboxNotifyTriggerSql);

    public const string OutboxNotifyTriggerSql = $"""
            CREATE OR REPLACE FUNCTION notify_outbox_messages() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{OutboxChannel}', '');
                RETURN NULL;
            END $$;

            CREATE TRIGGER outbox_messages_notify
                AFTER INSERT ON outbox_messages
                FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox_messages();
            """;

    public static void DropOutboxNotifyTrigger(this MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS outbox_messages_notify ON outbox_messages;
            DROP FUNCTION IF EXISTS notify_outbox_messages();
            """);
    }
}
