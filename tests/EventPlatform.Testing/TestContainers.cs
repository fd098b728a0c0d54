using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Docker.DotNet;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace EventPlatform.Testing;

/// <summary>
/// PostgreSQL and RabbitMQ in containers the tests start themselves (Testcontainers), from the official images unless
/// TEST_POSTGRES_IMAGE / TEST_RABBITMQ_IMAGE (or POSTGRES_IMAGE / RABBITMQ_IMAGE, as compose reads them) name others,
/// such as the local stand-ins deploy/docker/local-images.sh builds for machines without a registry.
/// </summary>
public static class TestContainers
{
    public const string PostgresUser = "eventplatform";
    public const string PostgresPassword = "eventplatform";
    public const string RabbitUser = "guest";
    public const string RabbitPassword = "guest";
    public const int ManagementPort = 15672;

    /// <summary>The label every container of the tests carries (deploy/test.sh removes them by it at the end).</summary>
    public const string Label = "eventplatform.tests";

    static TestContainers()
    {
        // Testcontainers asks for a newer Docker API than older engines (Debian's dockerd 20.10: 1.41) speak; unless
        // told otherwise, ask for the version the engine itself reports.
        if (Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is null && EngineApiVersion() is { } version)
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", version);
        }
        // The tests dispose every container they start themselves and keep the shared pair on purpose, so the
        // resource reaper (Ryuk, an image of its own that air-gapped machines cannot pull) has nothing to do.
        TestcontainersSettings.ResourceReaperEnabled = false;
    }

    public static string PostgresImage => Variable("TEST_POSTGRES_IMAGE") ?? Variable("POSTGRES_IMAGE") ?? "postgres:17";
    public static string RabbitMqImage => Variable("TEST_RABBITMQ_IMAGE") ?? Variable("RABBITMQ_IMAGE") ?? "rabbitmq:4-management";

    public static PostgreSqlBuilder Postgres() =>
        new PostgreSqlBuilder(PostgresImage)
            .WithUsername(PostgresUser)
            .WithPassword(PostgresPassword)
            .WithDatabase("postgres")
            // Every fixture keeps a pool of its own; the end-to-end platforms run five services each.
            .WithCommand("-c", "max_connections=400")
            .WithLabel(Label, "true");

    public static RabbitMqBuilder RabbitMq() =>
        new RabbitMqBuilder(RabbitMqImage)
            .WithUsername(RabbitUser)
            .WithPassword(RabbitPassword)
            .WithPortBinding(ManagementPort, assignRandomHostPort: true)
            .WithLabel(Label, "true")
            // The management API answers once the broker and its plugins are up: the tests need both
            // (virtual hosts are made through it), and it does not depend on the wording of a log line.
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request
                .ForPort(ManagementPort)
                .ForPath("/api/overview")
                .WithBasicAuthentication(RabbitUser, RabbitPassword)));

    /// <summary>
    /// The pair every fixture shares (a database and a virtual host each). They are reusable containers: the test
    /// assemblies of one run, each its own process, find the same pair by its configuration, and a second
    /// <c>dotnet test</c> starts in seconds. They stay up after the run; remove them with
    /// <c>docker rm -f $(docker ps -aq --filter label=eventplatform.tests)</c>.
    /// </summary>
    public static (IContainer Postgres, IContainer RabbitMq) StartShared()
    {
        var postgres = StartReusable(() => Postgres()
            .WithReuse(true).WithLabel(Label, "shared").WithName(SharedName("postgres", PostgresImage)).Build());
        var rabbitMq = StartReusable(() => RabbitMq()
            .WithReuse(true).WithLabel(Label, "shared").WithName(SharedName("rabbitmq", RabbitMqImage)).Build());
        return (postgres, rabbitMq);
    }

    /// <summary>A host port free right now; a dedicated container bound to it keeps its address across stop and start.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static IContainer StartReusable(Func<IContainer> build)
    {
        // Two test processes may both find no container and both create one: the second is refused the name and,
        // on the next attempt, finds the first one by its configuration.
        for (var attempt = 1; ; attempt++)
        {
            var container = build();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                container.StartAsync(timeout.Token).GetAwaiter().GetResult();
                return container;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
                Thread.Sleep(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    private static string? EngineApiVersion()
    {
        const string socket = "/var/run/docker.sock";
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || !File.Exists(socket))
        {
            return null;
        }
        try
        {
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellation) =>
                {
                    var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await client.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellation);
                    return new NetworkStream(client, ownsSocket: true);
                },
            };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
            using var version = JsonDocument.Parse(http.GetStringAsync("http://docker/version").GetAwaiter().GetResult());
            return version.RootElement.GetProperty("ApiVersion").GetString();
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    private static string SharedName(string server, string image) =>
        $"eventplatform-tests-{server}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image)))[..10]}";

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
