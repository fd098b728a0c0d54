using System.Net;
using System.Net.Http.Headers;
using EventPlatform.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace EventPlatform.Testing;

/// <summary>
/// One service in process (ASP.NET Core's test server) on its own real PostgreSQL database and RabbitMQ virtual host.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    public const string OrganizerEmail = "organizer@test.eventplatform";

    public string Database { get; } = TestInfrastructure.UniqueName("ep_test");
    public string VirtualHost { get; } = TestInfrastructure.UniqueName("ep-test");

    /// <summary>Where the service finds PostgreSQL; a test may point it at a server of its own.</summary>
    public string PostgresHost { get; set; } = TestInfrastructure.PostgresHost;
    public int PostgresPort { get; set; } = TestInfrastructure.PostgresPort;
    public int RabbitPort { get; set; } = TestInfrastructure.RabbitPort;

    private readonly TokenIssuer _issuer = TestKeys.Issuer();

    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    /// <summary>
    /// Where callers appear to come from. The test server has no client address of its own, and the forwarded-headers
    /// middleware believes anyone without one; a real connection always has one. By default a caller on the internet.
    /// </summary>
    public IPAddress ClientAddress { get; set; } = IPAddress.Parse("203.0.113.50");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", TestInfrastructure.ConnectionString(Database, PostgresHost, PostgresPort));
        builder.UseSetting("RabbitMq:Host", TestInfrastructure.RabbitHost);
        builder.UseSetting("RabbitMq:Port", RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RabbitMq:VirtualHost", VirtualHost);
        builder.UseSetting("Auth:OrganizerEmails:0", OrganizerEmail);
        builder.UseSetting("Auth:PublicKey", TestKeys.PublicKeyPem);
        builder.UseSetting("Outbox:PollInterval", "00:00:01");
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ClientAddressFilter(() => ClientAddress)));
    }

    public virtual async Task InitializeAsync()
    {
        await TestInfrastructure.CreateVirtualHostAsync(VirtualHost);
        await WaitUntilReadyAsync();
    }

    /// <summary>Starts the service if needed and waits until its database is migrated and its bus has bound its queues.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var client = CreateClient();
        await Eventually.HoldsAsync(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode,
            $"{typeof(TProgram).Assembly.GetName().Name} is ready", timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>What a derived fixture started besides the service (a probe, a mail server): stopped after the service.</summary>
    protected virtual Task DisposeOwnAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DisposeOwnAsync();
        await TestInfrastructure.DropDatabaseAsync(Database);
        await TestInfrastructure.DeleteVirtualHostAsync(VirtualHost);
    }

    public MessageProbe Probe() => new(VirtualHost);

    /// <summary>A token of an organizer; the same <paramref name="id"/> is the same organizer (events are owned by their creator).</summary>
    public string OrganizerToken(Guid? id = null) =>
        _issuer.Issue(id ?? DefaultOrganizerId, OrganizerEmail, "Test Organizer", [Roles.Attendee, Roles.Organizer]).Token;

    public string AttendeeToken(Guid id, string? name = null) =>
        _issuer.Issue(id, $"{id:N}@test.eventplatform", name ?? "Test Attendee", [Roles.Attendee]).Token;

    /// <summary>The organizer <see cref="OrganizerToken"/> stands for when no id is given; events from <see cref="EventSnapshots"/> are theirs.</summary>
    public Guid DefaultOrganizerId => EventSnapshots.OrganizerId;

    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }
}
