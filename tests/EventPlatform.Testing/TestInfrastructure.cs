using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace EventPlatform.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run on: a shared pair of containers the tests start themselves
/// (<see cref="TestContainers.StartShared"/>), or servers already running when TEST_PG_HOST / TEST_RABBITMQ_HOST say
/// where (e.g. the OS packages deploy/infra.sh starts). Every fixture gets its own database and its own RabbitMQ
/// virtual host, so tests running in parallel never see each other's data or messages.
/// </summary>
public static class TestInfrastructure
{
    private sealed record Endpoints(string PostgresHost, int PostgresPort, string RabbitHost, int RabbitPort, string RabbitManagementUrl);

    private static readonly Lazy<Endpoints> Shared = new(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string PostgresHost => Shared.Value.PostgresHost;
    public static int PostgresPort => Shared.Value.PostgresPort;
    public static string RabbitHost => Shared.Value.RabbitHost;
    public static int RabbitPort => Shared.Value.RabbitPort;
    public static string RabbitManagementUrl => Shared.Value.RabbitManagementUrl;

    private static Endpoints Resolve()
    {
        if (Environment.GetEnvironmentVariable("TEST_PG_HOST") is { Length: > 0 } postgresHost)
        {
            var rabbitHost = Environment.GetEnvironmentVariable("TEST_RABBITMQ_HOST") ?? postgresHost;
            return new Endpoints(postgresHost, int.Parse(Environment.GetEnvironmentVariable("TEST_PG_PORT") ?? "5432"),
                rabbitHost, int.Parse(Environment.GetEnvironmentVariable("TEST_RABBITMQ_PORT") ?? "5672"),
                Environment.GetEnvironmentVariable("TEST_RABBITMQ_MANAGEMENT") ?? $"http://{rabbitHost}:15672");
        }
        var (postgres, rabbitMq) = TestContainers.StartShared();
        return new Endpoints(postgres.Hostname, postgres.GetMappedPublicPort(5432),
            rabbitMq.Hostname, rabbitMq.GetMappedPublicPort(5672),
            $"http://{rabbitMq.Hostname}:{rabbitMq.GetMappedPublicPort(TestContainers.ManagementPort)}");
    }

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    public static string ConnectionString(string database, string? host = null, int? port = null) =>
        $"Host={host ?? PostgresHost};Port={port ?? PostgresPort};Database={database};Username={TestContainers.PostgresUser};Password={TestContainers.PostgresPassword};Pooling=true;Maximum Pool Size=30";

    public static async Task DropDatabaseAsync(string database, int? port = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", port: port));
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
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{TestContainers.RabbitUser}:{TestContainers.RabbitPassword}")));
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

    /// <summary>"quorum" or "classic" (from the management API); null when there is no such queue.</summary>
    public static async Task<string?> QueueTypeAsync(string vhost, string queue)
    {
        using var client = Management();
        var response = await client.GetAsync($"/api/queues/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(queue)}");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("type").GetString();
    }
}
