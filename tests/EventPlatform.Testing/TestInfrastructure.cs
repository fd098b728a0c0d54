using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace EventPlatform.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ that deploy/infra.sh starts. Every fixture gets its own database and
/// its own RabbitMQ virtual host, so tests running in parallel never see each other's data or messages.
/// </summary>
public static class TestInfrastructure
{
    public static string PostgresHost => Environment.GetEnvironmentVariable("TEST_PG_HOST") ?? "127.0.0.1";
    public static int PostgresPort => int.Parse(Environment.GetEnvironmentVariable("TEST_PG_PORT") ?? "5432");
    public static string RabbitHost => Environment.GetEnvironmentVariable("TEST_RABBITMQ_HOST") ?? "127.0.0.1";
    public static int RabbitPort => int.Parse(Environment.GetEnvironmentVariable("TEST_RABBITMQ_PORT") ?? "5672");
    public static string RabbitManagementUrl => Environment.GetEnvironmentVariable("TEST_RABBITMQ_MANAGEMENT") ?? "http://127.0.0.1:15672";

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    public static string ConnectionString(string database, string? host = null, int? port = null) =>
        $"Host={host ?? PostgresHost};Port={port ?? PostgresPort};Database={database};Username=eventplatform;Password=eventplatform;Pooling=true;Maximum Pool Size=30";

    public static async Task DropDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static HttpClient Management()
    {
        var client = new HttpClient { BaseAddress = new Uri(RabbitManagementUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return client;
    }

    public static async Task CreateVirtualHostAsync(string vhost)
    {
        using var client = Management();
        (await client.PutAsync($"/api/vhosts/{Uri.EscapeDataString(vhost)}", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/permissions/{Uri.EscapeDataString(vhost)}/guest",
            JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" }))).EnsureSuccessStatusCode();
    }

    public static async Task DeleteVirtualHostAsync(string vhost)
    {
        using var client = Management();
        await client.DeleteAsync($"/api/vhosts/{Uri.EscapeDataString(vhost)}");
    }

    /// <summary>Messages waiting in a queue of the virtual host (from the management API).</summary>
    public static async Task<int> QueueDepthAsync(string vhost, string queue)
    {
        using var client = Management();
        var response = await client.GetAsync($"/api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.TryGetProperty("messages", out var messages) ? messages.GetInt32() : 0;
    }
}
