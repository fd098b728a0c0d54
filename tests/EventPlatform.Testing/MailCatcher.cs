using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace EventPlatform.Testing;

/// <summary>
/// A real SMTP server for tests: the mail catcher the platform uses in development (npm <c>maildev</c>, from
/// deploy/maildev, installed on first use), run as a process on free ports. Tests read what arrived over its HTTP API,
/// and can stop and start it to play an SMTP outage.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly HttpClient _http;
    private Process? _process;

    private MailCatcher(int smtpPort, int webPort)
    {
        SmtpPort = smtpPort;
        WebPort = webPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public int SmtpPort { get; }
    public int WebPort { get; }

    /// <summary>maildev's web UI and HTTP API.</summary>
    public Uri WebAddress => new($"http://127.0.0.1:{WebPort}/");

    public sealed record Mailbox(string Address, string? Name);

    public sealed record Attachment(string ContentType, string? FileName, string GeneratedFileName);

    public sealed record Email(string Id, string Subject, IReadOnlyList<Mailbox> To, string? Text, string? Html, IReadOnlyList<Attachment>? Attachments,
        IReadOnlyDictionary<string, object>? Headers)
    {
        [JsonIgnore]
        public string Recipient => To[0].Address;
    }

    public static async Task<MailCatcher> StartAsync()
    {
        var catcher = new MailCatcher(FreePort(), FreePort());
        await catcher.StartAgainAsync();
        return catcher;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same ports and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        var folder = await InstalledFolderAsync();
        _process = Process.Start(new ProcessStartInfo("node",
            $"node_modules/maildev/bin/maildev --ip 127.0.0.1 --smtp {SmtpPort} --web {WebPort} --silent")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return (await _http.GetAsync("email")).IsSuccessStatusCode && await AcceptsAsync(SmtpPort);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the mail catcher answers", TimeSpan.FromSeconds(30));
    }

    /// <summary>Stops the server: connections to its SMTP port are refused until <see cref="StartAgainAsync"/> (what arrived is lost).</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Everything that arrived for <paramref name="address"/>, oldest first.</summary>
    public async Task<IReadOnlyList<Email>> ForAsync(string address)
    {
        var all = await _http.GetFromJsonAsync<List<Email>>("email") ?? [];
        return [.. all.Where(e => e.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Waits until at least <paramref name="count"/> emails arrived for the address, and returns them all.</summary>
    public async Task<IReadOnlyList<Email>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        IReadOnlyList<Email> found = [];
        await Eventually.HoldsAsync(async () => (found = await ForAsync(address)).Count >= count,
            $"{count} email(s) for {address}", timeout ?? TimeSpan.FromSeconds(30));
        return found;
    }

    /// <summary>
    /// Reads the link to <paramref name="path"/> (a sign-up or reset link) in the newest email to the address and deletes
    /// that email, as a person who followed it would leave their inbox: the emails a test counts afterwards are the
    /// ones that came after.
    /// </summary>
    public async Task<string> TakeLinkAsync(string address, string path, TimeSpan? timeout = null)
    {
        Email? found = null;
        await Eventually.HoldsAsync(async () => (found = (await ForAsync(address)).LastOrDefault(e => e.Text?.Contains(path, StringComparison.Ordinal) == true)) is not null,
            $"an email to {address} with a link to {path}", timeout ?? TimeSpan.FromSeconds(30));
        var link = System.Text.RegularExpressions.Regex.Match(found!.Text!, $@"https?://\S+{System.Text.RegularExpressions.Regex.Escape(path)}\?token=\S+").Value;
        (await _http.DeleteAsync($"email/{found.Id}")).EnsureSuccessStatusCode();
        return link;
    }

    /// <summary>The secret of a link (its <c>token</c> parameter), as the web page posts it.</summary>
    public static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);

    public async Task<string> AttachmentAsync(Email email, Attachment attachment) =>
        await _http.GetStringAsync($"email/{email.Id}/attachment/{Uri.EscapeDataString(attachment.GeneratedFileName)}");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>deploy/maildev of this repository, with its packages installed (npm ci from the lock file, once).</summary>
    private static async Task<string> InstalledFolderAsync()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "EventPlatform.sln")))
        {
            root = root.Parent;
        }
        var folder = Path.Combine(root?.FullName ?? throw new InvalidOperationException("The repository (EventPlatform.sln) is not above the test binaries."),
            "deploy", "maildev");
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", "maildev", "bin", "maildev")))
            {
                using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --silent") { WorkingDirectory = folder, UseShellExecute = false })!;
                await npm.WaitForExitAsync();
                if (npm.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {folder} failed ({npm.ExitCode}).");
                }
            }
        }
        finally
        {
            Install.Release();
        }
        return folder;
    }
}
