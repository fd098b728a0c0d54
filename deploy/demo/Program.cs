using EventPlatform.Demo;

// deploy/run.sh demo  (or: dotnet run --project deploy/demo -- --gateway URL --attendees URL --mail MAIL-CATCHER-URL --credentials FILE)
// deploy/run.sh organizer  (--organizer-only: just the organizer account, made on first use, and its password)
var gateway = new Uri(Option("--gateway") ?? Environment.GetEnvironmentVariable("DEMO_GATEWAY_URL") ?? "http://127.0.0.1:8080");
var attendees = new Uri(Option("--attendees") ?? Environment.GetEnvironmentVariable("DEMO_ATTENDEES_URL") ?? "http://127.0.0.1:5103");
var credentials = Option("--credentials") ?? Environment.GetEnvironmentVariable("DEMO_CREDENTIALS_FILE") ?? ".run/demo-credentials.json";
var mailUi = new Uri(Option("--mail") ?? Environment.GetEnvironmentVariable("DEMO_MAIL_URL") ?? "http://127.0.0.1:1080/");
var organizerEmail = Option("--organizer-email") ?? Environment.GetEnvironmentVariable("DEMO_ORGANIZER_EMAIL") ?? "organizer@eventplatform.local";

using var gatewayHttp = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
using var attendeesHttp = new HttpClient { BaseAddress = attendees, Timeout = TimeSpan.FromSeconds(30) };
using var mailHttp = new HttpClient { BaseAddress = mailUi, Timeout = TimeSpan.FromSeconds(30) };
var builder = new DemoBuilder(new DemoApi(gatewayHttp), new DemoApi(attendeesHttp), new MailInbox(mailHttp),
    new DemoOptions(credentials, organizerEmail), Console.Out);
var site = gateway.ToString().TrimEnd('/');
try
{
    if (args.Contains("--organizer-only"))
    {
        var (_, saved) = await builder.OrganizerAsync(CancellationToken.None);
        Console.WriteLine($"  Organizer        {saved.OrganizerEmail} / {saved.OrganizerPassword}   ({site}/organize)");
        Console.WriteLine($"  Passwords kept in {credentials}");
        return 0;
    }
    var result = await builder.BuildAsync(CancellationToken.None);
    Console.WriteLine();
    Console.WriteLine($"  The demo event   {site}/events/{result.EventId}");
    Console.WriteLine($"  Organizer        {result.Credentials.OrganizerEmail} / {result.Credentials.OrganizerPassword}   ({site}/organize)");
    Console.WriteLine($"  An attendee      {DemoCast.EmailOf(0)} / {result.Credentials.AttendeePassword}   (demo-01 … demo-{DemoCast.People.Length:00}, same password)");
    Console.WriteLine($"  Passwords kept in {credentials}");
    return 0;
}
catch (Exception e) when (e is DemoException or HttpRequestException)
{
    Console.Error.WriteLine($"demo: {e.Message}");
    return 1;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
