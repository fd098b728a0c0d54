using System.Globalization;
using System.Net;
using System.Text.Json;

namespace EventPlatform.Benchmarks;

/// <summary>
/// The web app's main pages as a visitor gets them through the gateway: Lighthouse's performance, accessibility and
/// best-practices scores (Debian's Chromium, npm lighthouse), then server render latency at N concurrent users.
/// Each page's reference, measured in the same run, is the API call its data comes from: the difference is what
/// rendering the page costs above the API.
/// </summary>
public static class WebBenchmark
{
    private sealed record Page(string Name, string Path, string Api);

    public static async Task<int> RunAsync(Options options)
    {
        var users = options.Number("users", 16);
        var requests = options.Number("requests", 400);
        var gateway = new Uri(options.Text("gateway", "http://127.0.0.1:8080"));
        var inv = CultureInfo.InvariantCulture;
        using var platform = new Platform(gateway, users);

        var pages = await PagesAsync(platform);
        Console.WriteLine($"Web benchmark through {gateway} ({Environment.ProcessorCount} cores)");

        if (options.Text("lighthouse", "true") != "false")
        {
            var chrome = Environment.GetEnvironmentVariable("CHROME_PATH") ?? "/usr/bin/chromium";
            var directory = await NodeTool.InstallAsync("lighthouse", "lighthouse");
            Console.WriteLine();
            Console.WriteLine($"Lighthouse (desktop preset; {chrome}); targets: performance >= 90, accessibility 100, best practices >= 95");
            Console.WriteLine($"  {"page",-14} {"perf",5} {"a11y",5} {"best",5}  first contentful paint, largest contentful paint, total blocking time");
            foreach (var page in pages)
            {
                var report = await NodeTool.RunAsync("node",
                    $"node_modules/lighthouse/cli/index.js {new Uri(gateway, page.Path)} --quiet --preset=desktop " +
                    "--only-categories=performance,accessibility,best-practices --output=json --output-path=stdout " +
                    "--chrome-flags=\"--headless=new --no-sandbox --disable-gpu\"",
                    directory, TimeSpan.FromMinutes(3), new Dictionary<string, string> { ["CHROME_PATH"] = chrome })
                    ?? throw new TimeoutException($"Lighthouse did not finish on {page.Path}.");
                using var json = JsonDocument.Parse(report);
                var categories = json.RootElement.GetProperty("categories");
                var audits = json.RootElement.GetProperty("audits");
                int Score(string category) => (int)Math.Round(categories.GetProperty(category).GetProperty("score").GetDouble() * 100);
                string Shown(string audit) => audits.GetProperty(audit).GetProperty("displayValue").GetString() ?? "";
                Console.WriteLine(string.Create(inv,
                    $"  {page.Name,-14} {Score("performance"),5} {Score("accessibility"),5} {Score("best-practices"),5}  " +
                    $"{Shown("first-contentful-paint")}, {Shown("largest-contentful-paint")}, {Shown("total-blocking-time")}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Server render, {users} concurrent users, {requests} requests per page after 50 to warm up; target p95 < 50 ms");
        Console.WriteLine("A visitor (not signed in; public pages are kept for a few seconds, PublicPageCache__Seconds):");
        await RenderAsync(pages, platform.Http, platform.Http, users, requests);

        // The same pages for a signed-in person are rendered every time (their session checked, the API called with their token).
        using var signedIn = await SignInAsync(gateway, users);
        Console.WriteLine($"Signed in as {DemoPerson} (never cached):");
        await RenderAsync(pages, signedIn, platform.Http, users, requests);
        return 0;
    }

    private const string DemoPerson = "demo-01@demo.eventplatform.local";

    private static async Task RenderAsync(List<Page> pages, HttpClient browser, HttpClient api, int users, int requests)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"  {"page",-14} {"page p50",9} {"page p95",9}   {"its API call",-44} {"API p50",8} {"API p95",8}");
        foreach (var page in pages)
        {
            var html = await LoadAsync(browser, page.Path, users, requests);
            var reference = await LoadAsync(api, page.Api, users, requests);
            Console.WriteLine(string.Create(inv,
                $"  {page.Name,-14} {html.Percentile(50),6:F1} ms {html.Percentile(95),6:F1} ms   {Shorten(page.Api),-44} {reference.Percentile(50),5:F1} ms {reference.Percentile(95),5:F1} ms"));
        }
    }

    /// <summary>Logs in through the login form, as a browser does (antiforgery token and cookie included); the client then carries the session cookie.</summary>
    private static async Task<HttpClient> SignInAsync(Uri gateway, int users)
    {
        var credentials = Demo.DemoCredentials.LoadOrCreate(
            Environment.GetEnvironmentVariable("DEMO_CREDENTIALS_FILE") ?? ".run/demo-credentials.json", Platform.OrganizerEmail);
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = users, AllowAutoRedirect = false })
        {
            BaseAddress = gateway,
        };
        var form = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = DemoPerson,
            ["Input.Password"] = credentials.AttendeePassword,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Logging in as {DemoPerson} answered {(int)response.StatusCode}; run deploy/run.sh demo first.");
        }
        return client;
    }

    /// <summary>Home, an upcoming event (the demo's), the library and a talk: what a visitor opens first.</summary>
    private static async Task<List<Page>> PagesAsync(Platform platform)
    {
        var events = await platform.SendAsync(HttpMethod.Get, "/api/events?status=published&pageSize=50");
        var eventId = events.GetProperty("items").EnumerateArray()
            .OrderByDescending(e => e.GetProperty("title").GetString()!.EndsWith("(demo)", StringComparison.Ordinal))
            .Select(e => e.GetProperty("id").GetGuid())
            .FirstOrDefault();
        if (eventId == Guid.Empty)
        {
            throw new InvalidOperationException("No published event to measure: run deploy/run.sh demo first (deploy/bench.sh web does).");
        }
        var slug = (await platform.SendAsync(HttpMethod.Get, "/api/talks?pageSize=1")).GetProperty("items")[0].GetProperty("slug").GetString()!;
        return
        [
            new("home", "/", "/api/events?status=published&pageSize=6"),
            new("event", $"/events/{eventId}", $"/api/events/{eventId}"),
            new("talk library", "/talks", "/api/talks?pageSize=12"),
            new("talk", $"/talks/{slug}", $"/api/talks/{slug}"),
        ];
    }

    private static async Task<Measurements> LoadAsync(HttpClient client, string path, int users, int requests)
    {
        for (var i = 0; i < 50; i++)
        {
            await GetAsync(client, path);
        }
        var measurements = new Measurements();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, users).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                await measurements.TimeAsync(() => GetAsync(client, path));
            }
        }));
        return measurements;
    }

    private static async Task<bool> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }
        return true;
    }

    private static string Shorten(string path) => path.Length > 44 ? path[..41] + "..." : path;
}
