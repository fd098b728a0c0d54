using EventPlatform.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EventPlatform.EndToEnd.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright, shared by the browser tests of the platform collection. Each test opens
/// its own context (its own cookies: one signed-in person), so tests never see each other's sessions.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const int Desktop = 1280;
    public const int Phone = 390;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Screenshots of every main page at both widths, kept as test artifacts.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(Platform.RepositoryRoot(), "tests", "EventPlatform.EndToEnd.Tests", "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>A fresh browser profile (no cookies) looking at the platform through its gateway.</summary>
    public async Task<Visitor> VisitAsync(Platform platform, int width = Desktop)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = platform.Gateway.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width == Phone ? 844 : 900 },
            TimezoneId = "Europe/Berlin",
            Locale = "en-GB",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new Visitor(context, page, platform.Mail);
    }
}

/// <summary>One person at one browser: their page, and what the browser console said (a CSP violation lands there).</summary>
public sealed class Visitor : IAsyncDisposable
{
    private readonly List<string> _consoleErrors = [];

    public Visitor(IBrowserContext context, IPage page, MailCatcher mail)
    {
        Context = context;
        Page = page;
        Mail = mail;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_consoleErrors)
            {
                _consoleErrors.Add(error);
            }
        };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Where the platform's mail arrives: the visitor's inbox, whatever their address.</summary>
    public MailCatcher Mail { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    public async Task GoAsync(string path)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}");
    }

    /// <summary>axe on the page as it stands: no serious or critical violation.</summary>
    public async Task AssertAccessibleAsync(string what)
    {
        var result = await Page.RunAxe();
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(severe.Count == 0, $"{what}: " + string.Join("\n", severe.Select(Describe)));
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserHost.ScreenshotDirectory, $"{name}-{Page.ViewportSize!.Width}.png"),
            FullPage = true,
        });

    /// <summary>Nothing went wrong that only the console would tell: no script error, no refused resource, no policy violation.</summary>
    public void AssertCleanConsole() =>
        Assert.True(ConsoleErrors.Count == 0, "The browser console reported: " + string.Join("\n", ConsoleErrors));

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Impact} {violation.Id}: {violation.Help} at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()))}";
}
