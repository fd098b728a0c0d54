using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using EventPlatform.Testing;

namespace EventPlatform.EndToEnd.Tests;

/// <summary>One platform shared by the test classes of the "platform" collection.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<Platform>, ICollectionFixture<Browser.BrowserHost>
{
    public const string Name = "platform";
}

/// <summary>
/// The whole platform as it runs in production, minus containers: the services, the web app and the YARP gateway as
/// separate processes built from this repository, each on its own database, sharing one RabbitMQ virtual host, and a
/// real SMTP server (the mail catcher) that Notifications sends to.
/// </summary>
public class Platform : IAsyncLifetime
{
    public const string OrganizerEmail = "organizer@e2e.eventplatform";
    public const string OrganizerPassword = "keep-the-agenda-moving-1";

    /// <summary>The organizer the demo (deploy/demo) signs up as.</summary>
    public const string DemoOrganizerEmail = "demo-organizer@e2e.eventplatform";

    private static readonly string[] Services = ["events", "talks", "attendees", "matchmaking", "web", "notifications"];
    private readonly Dictionary<string, (string Project, string Assembly)> _projects = new()
    {
        ["events"] = ("services/Events", "EventPlatform.Events"),
        ["talks"] = ("services/Talks", "EventPlatform.Talks"),
        ["attendees"] = ("services/Attendees", "EventPlatform.Attendees"),
        ["matchmaking"] = ("services/Matchmaking", "EventPlatform.Matchmaking"),
        ["web"] = ("services/Web", "EventPlatform.Web"),
        ["notifications"] = ("services/Notifications", "EventPlatform.Notifications"),
        ["gateway"] = ("gateway", "EventPlatform.Gateway"),
    };
    private readonly Dictionary<string, Process> _processes = [];
    private readonly Dictionary<string, int> _ports = [];
    private readonly string _id = Guid.NewGuid().ToString("N")[..10];
    private readonly string _logDirectory;

    private readonly (string PrivateKeyFile, string PublicKeyFile) _keys;

    public Platform()
    {
        _logDirectory = Path.Combine(Path.GetTempPath(), "eventplatform-e2e", _id);
        Directory.CreateDirectory(_logDirectory);
        _keys = TestKeys.WriteFiles(Path.Combine(_logDirectory, "keys"));
        foreach (var name in _projects.Keys)
        {
            _ports[name] = FreePort();
        }
    }

    public string VirtualHost => $"ep-e2e-{_id}";

    /// <summary>Where the services reach RabbitMQ; a test fixture may put a proxy in between.</summary>
    protected virtual string RabbitHost => TestInfrastructure.RabbitHost;
    protected virtual int RabbitPort => TestInfrastructure.RabbitPort;

    public Uri Gateway => new($"http://127.0.0.1:{_ports["gateway"]}");

    /// <summary>What the platform mailed, as people would receive it.</summary>
    public MailCatcher Mail { get; private set; } = null!;

    /// <summary>A service's own address, behind the gateway (what an operator's tool on the machine reaches).</summary>
    public Uri Service(string name) => new($"http://127.0.0.1:{_ports[name]}");

    public string Database(string service) => $"ep_e2e_{service}_{_id}";

    public string LogOf(string service) => File.Exists(LogPath(service)) ? File.ReadAllText(LogPath(service)) : "";

    private string LogPath(string service) => Path.Combine(_logDirectory, $"{service}.log");

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public virtual async Task InitializeAsync()
    {
        await TestInfrastructure.CreateVirtualHostAsync(VirtualHost);
        Mail = await MailCatcher.StartAsync();
        foreach (var name in _projects.Keys)
        {
            Start(name);
        }
        using var client = Client();
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    return (await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, "the gateway reports every service ready", TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("The platform did not become healthy. Logs:\n" +
                string.Join("\n", _projects.Keys.Select(n => $"--- {n}\n{Tail(LogOf(n))}")));
        }
    }

    /// <summary>
    /// Another instance of a part, on a port of its own with the same database and bus (a second replica); the gateway
    /// does not know it, so it is reached directly. Stopped with the platform.
    /// </summary>
    public Uri StartReplica(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var replica = $"{name}-replica-{_processes.Keys.Count(k => k.StartsWith(name + "-replica-", StringComparison.Ordinal)) + 1}";
        _projects[replica] = _projects[name];
        _ports[replica] = FreePort();
        Start(replica, databaseOf: name, settings);
        return new Uri($"http://127.0.0.1:{_ports[replica]}");
    }

    /// <summary>As <see cref="StartReplica"/>, once the replica answers /health/ready.</summary>
    public async Task<Uri> StartReadyReplicaAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var replica = StartReplica(name, settings);
        using var probe = new HttpClient { BaseAddress = replica };
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return (await probe.GetAsync("/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"the {name} replica is ready", TimeSpan.FromSeconds(60));
        return replica;
    }

    public void Start(string name) => Start(name, databaseOf: name);

    private void Start(string name, string databaseOf, IReadOnlyDictionary<string, string>? settings = null)
    {
        var (project, assembly) = _projects[name];
        var root = RepositoryRoot();
        var dll = Path.Combine(root, project, "bin", BuildConfiguration(), "net10.0", $"{assembly}.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.Combine(root, project),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["Urls"] = $"http://127.0.0.1:{_ports[name]}";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Auth__OrganizerEmails__0"] = OrganizerEmail;
        env["Auth__OrganizerEmails__1"] = DemoOrganizerEmail;
        env["RabbitMq__VirtualHost"] = VirtualHost;
        env["RabbitMq__Host"] = RabbitHost;
        env["RabbitMq__Port"] = RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["Outbox__PollInterval"] = "00:00:01";
        env["Logging__LogLevel__Default"] = "Information";
        // Sign-up hashing is deliberately slow in production; the tests sign up hundreds of people.
        env["Auth__PasswordHasher__IterationCount"] = "10000";
        env["Auth__PublicKeyFile"] = _keys.PublicKeyFile;
        if (name == "attendees")
        {
            env["Auth__SigningKeyFile"] = _keys.PrivateKeyFile;
        }
        // Hundreds of sign-ups and registrations come from this one address; the limits have tests of their own.
        env["RateLimits__Enabled"] = "false";
        // The tests look at what they created the moment they created it; a visitor's page kept for seconds would hide it.
        env["PublicPageCache__Seconds"] = "0";
        if (name == "gateway")
        {
            foreach (var service in Services)
            {
                env[$"ReverseProxy__Clusters__{service}__Destinations__{service}-1__Address"] = $"http://127.0.0.1:{_ports[service]}";
            }
        }
        else
        {
            env["ConnectionStrings__Default"] = TestInfrastructure.ConnectionString(Database(databaseOf));
        }
        if (databaseOf == "web")
        {
            env["Gateway__Url"] = Gateway.ToString();
            env["Library__ViewAfterSeconds"] = "2";
        }
        if (databaseOf == "notifications")
        {
            env["Smtp__Port"] = Mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            env["Notifications__Email__PollInterval"] = "00:00:00.200";
            env["Notifications__Email__PublicUrl"] = Gateway.ToString();
            env["Notifications__Nudges__Interval"] = "00:00:00.500";
            env["Notifications__Nudges__AwayAfter"] = "00:00:03";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = new Process { StartInfo = start };
        var log = new StreamWriter(LogPath(name), append: true) { AutoFlush = true };
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { log.WriteLine(e.Data); } } };
        process.Exited += (_, _) => { lock (gate) { log.Dispose(); } };
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes[name] = process;
    }

    public async Task StopAsync(string name)
    {
        if (_processes.Remove(name, out var process) && !process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var name in _processes.Keys.ToList())
        {
            await StopAsync(name);
        }
        foreach (var service in Services)
        {
            await TestInfrastructure.DropDatabaseAsync(Database(service));
        }
        await TestInfrastructure.DeleteVirtualHostAsync(VirtualHost);
        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }
    }

    /// <summary>The organizer's token: signs in, or, the first time, signs up and confirms the address (the organizer role needs it).</summary>
    public async Task<string> OrganizerTokenAsync()
    {
        using var client = Client();
        var login = await client.PostJsonAsync("/api/auth/login", new { email = OrganizerEmail, password = OrganizerPassword });
        if (login.StatusCode == HttpStatusCode.Unauthorized)
        {
            return (await SignUpAsync("Organizer", OrganizerEmail, OrganizerPassword)).Token;
        }
        return (await login.ReadJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<(Guid Id, string Token)> SignUpAsync(string? name = null)
    {
        var (id, token, _) = await SignUpAsync(name ?? "Attendee", $"{Guid.NewGuid():N}@example.org", "attendee-password-1");
        return (id, token);
    }

    /// <summary>Signs up through the gateway as a person does: the link mailed to the address (read from the mail catcher) makes the account.</summary>
    public async Task<(Guid Id, string Token, string Email)> SignUpAsync(string name, string email, string password)
    {
        using var client = Client();
        (await client.PostJsonAsync("/api/auth/signup", new { email, password, displayName = name })).EnsureSuccessStatusCode();
        var link = await Mail.TakeLinkAsync(email, "/account/verify");
        var body = await (await client.PostJsonAsync("/api/auth/verify-email", new { token = MailCatcher.TokenOf(link) })).ReadJsonAsync<JsonElement>();
        return (body.GetProperty("attendeeId").GetGuid(), body.GetProperty("token").GetString()!, email);
    }

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EventPlatform.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("EventPlatform.sln not found above the test binaries.");
    }
}
