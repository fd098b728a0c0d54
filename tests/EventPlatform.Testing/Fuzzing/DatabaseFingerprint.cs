using Npgsql;

namespace EventPlatform.Testing.Fuzzing;

/// <summary>
/// A digest of every row of every table of a service's database (bar those named), so a test can tell whether a
/// request wrote anything: inserts, updates and deletes all change it, and so does an outbox message.
/// </summary>
public static class DatabaseFingerprint
{
    public static async Task<string> OfAsync(string database, IReadOnlySet<string>? excluded = null)
    {
        await using var connection = new NpgsqlConnection(TestInfrastructure.ConnectionString(database));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (table != "__EFMigrationsHistory" && excluded?.Contains(table) != true)
                {
                    tables.Add(table);
                }
            }
        }
        // The outbox relay marks rows sent in the background; what a request wrote is the rows themselves.
        static string Row(string table) => table == "outbox_messages" ? "x.id::text" : "x::text";
        var digest = string.Join(" UNION ALL ", tables.Select(t =>
            $"SELECT '{t}' AS t, count(*) AS n, coalesce(md5(string_agg(md5({Row(t)}), '' ORDER BY md5({Row(t)}))), '') AS h FROM \"{t}\" x"));
        await using var command = new NpgsqlCommand($"SELECT string_agg(t || ':' || n || ':' || h, ';' ORDER BY t) FROM ({digest}) d", connection);
        return (string?)await command.ExecuteScalarAsync() ?? "";
    }
}
