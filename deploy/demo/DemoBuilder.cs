using System.Text.Json;

namespace EventPlatform.Demo;

/// <summary>Where the demo keeps its passwords, and who organizes (the HTTP clients it is given say where the platform is).</summary>
public sealed record DemoOptions(string CredentialsFile, string OrganizerEmail);

/// <summary>What the demo left on the platform.</summary>
public sealed record DemoResult(Guid EventId, bool Created, int Registered, int Pairs, DemoCredentials Credentials);

/// <summary>
/// Fills a running platform through its public API: an organizer, an upcoming online conference with a programme and a
/// networking break, thirty attendees with varied profiles registered for it, and one networking round already paired.
/// Running it again finds the event and changes nothing.
/// Accounts are made at Attendees itself (an operator's tool inside the trust boundary): the gateway lets one address
/// make only a handful of accounts an hour, which protects a public install and would stop the demo at the twentieth person.
/// Each account is made as a person makes one: sign up, then open the link mailed to the address, which the demo reads
/// from the mail catcher (<see cref="MailInbox"/>).
/// </summary>
public sealed class DemoBuilder(DemoApi gateway, DemoApi attendees, MailInbox mail, DemoOptions options, TextWriter log)
{
    /// <summary>
    /// The organizer account (signed up on first use) and this install's demo passwords. An account made before
    /// addresses were confirmed has no organizer role until its address is: the demo confirms it the way its owner
    /// would, with a password reset link from the mail catcher that sets the same password again.
    /// </summary>
    public async Task<(string Token, DemoCredentials Credentials)> OrganizerAsync(CancellationToken cancellationToken)
    {
        var credentials = DemoCredentials.LoadOrCreate(options.CredentialsFile, options.OrganizerEmail);
        var session = (await SessionsAsync([(credentials.OrganizerEmail, "Organizer")], credentials.OrganizerPassword, cancellationToken))[0];
        if (IsOrganizer(session))
        {
            return (SignedIn(session).Item2, credentials);
        }
        await attendees.SendAsync(HttpMethod.Post, "/api/auth/password-reset", body: new { email = credentials.OrganizerEmail }, cancellationToken: cancellationToken);
        var link = (await mail.TakeLinksAsync([credentials.OrganizerEmail], ["/account/reset-password"], TimeSpan.FromSeconds(60), cancellationToken)).Values.Single();
        var confirmed = await attendees.SendAsync(HttpMethod.Post, "/api/auth/password-reset/confirm",
            body: new { token = link.Token, newPassword = credentials.OrganizerPassword }, cancellationToken: cancellationToken);
        if (!IsOrganizer(confirmed))
        {
            throw new DemoException($"{credentials.OrganizerEmail} is not on the organizer list (Auth__OrganizerEmails) of this install.");
        }
        log.WriteLine($"Confirmed the address of {credentials.OrganizerEmail} (an account from before addresses were confirmed)");
        return (SignedIn(confirmed).Item2, credentials);
    }

    public async Task<DemoResult> BuildAsync(CancellationToken cancellationToken)
    {
        var (organizer, credentials) = await OrganizerAsync(cancellationToken);

        if (await ExistingEventAsync(organizer, cancellationToken) is { } existing)
        {
            log.WriteLine($"The demo event is already there ({existing}); nothing to do.");
            return new DemoResult(existing, false, 0, 0, credentials);
        }

        var eventId = await CreateEventAsync(organizer, cancellationToken);
        var people = await PeopleAsync(credentials, eventId, cancellationToken);
        var pairs = await RunRoundAsync(organizer, eventId, people, cancellationToken);
        return new DemoResult(eventId, true, people.Count, pairs, credentials);
    }

    private static bool IsOrganizer(JsonElement session) => session.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "organizer");

    private async Task<List<(Guid Id, string Token)>> AccountsAsync(IReadOnlyList<(string Email, string Name)> people, string password,
        CancellationToken cancellationToken) =>
        [.. (await SessionsAsync(people, password, cancellationToken)).Select(SignedIn)];

    /// <summary>
    /// Signs in whoever already has an account with the demo's password; signs the others up and opens the link mailed
    /// to them: a new address gets the link that makes the account, while an address that has one with another
    /// password gets a reset link instead, and the demo stops with an explanation.
    /// </summary>
    private async Task<List<JsonElement>> SessionsAsync(IReadOnlyList<(string Email, string Name)> people, string password,
        CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<string, JsonElement>();
        foreach (var (email, _) in people)
        {
            using var login = await attendees.TrySendAsync(HttpMethod.Post, "/api/auth/login", body: new { email, password }, cancellationToken: cancellationToken);
            if (login.IsSuccessStatusCode)
            {
                accounts[email] = await DemoApi.ReadAsync(login, HttpMethod.Post, "/api/auth/login", cancellationToken);
            }
        }
        var newcomers = people.Where(p => !accounts.ContainsKey(p.Email)).ToList();
        if (newcomers.Count > 0)
        {
            foreach (var (email, name) in newcomers)
            {
                await attendees.SendAsync(HttpMethod.Post, "/api/auth/signup", body: new { email, password, displayName = name }, cancellationToken: cancellationToken);
            }
            if (!await mail.ReachableAsync(cancellationToken))
            {
                throw new DemoException($"The link to finish signing up was mailed to {newcomers[0].Email}; open it, then run this again. " +
                    $"(This tool opens such links itself only when mail goes to the mail catcher, {mail.Address}.)");
            }
            var links = await mail.TakeLinksAsync([.. newcomers.Select(p => p.Email)], ["/account/verify", "/account/reset-password"], TimeSpan.FromSeconds(60),
                cancellationToken);
            foreach (var (email, _) in newcomers)
            {
                var link = links[email.ToLowerInvariant()];
                if (link.Path != "/account/verify")
                {
                    throw new DemoException($"{email} already has an account with another password than the one in {options.CredentialsFile}. " +
                        "Put its password there (\"organizerPassword\"), or run the demo with --organizer-email set to an address on the organizer list that has no account yet. " +
                        "(A link to choose a new password was mailed to the address.)");
                }
                accounts[email] = await attendees.SendAsync(HttpMethod.Post, "/api/auth/verify-email", body: new { token = link.Token }, cancellationToken: cancellationToken);
            }
        }
        return [.. people.Select(p => accounts[p.Email])];
    }

    private static (Guid, string) SignedIn(JsonElement session) => (session.GetProperty("attendeeId").GetGuid(), session.GetProperty("token").GetString()!);

    private async Task<Guid?> ExistingEventAsync(string organizer, CancellationToken cancellationToken)
    {
        var mine = await gateway.SendAsync(HttpMethod.Get, "/api/events?mine=true&pageSize=100", organizer, cancellationToken: cancellationToken);
        return mine.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("title").GetString() == DemoCast.EventTitle && e.GetProperty("status").GetString() is "draft" or "published" or "live")
            .Select(e => (Guid?)e.GetProperty("id").GetGuid())
            .FirstOrDefault();
    }

    private async Task<Guid> CreateEventAsync(string organizer, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(14).AddHours(15), TimeSpan.Zero);
        var created = await gateway.SendAsync(HttpMethod.Post, "/api/events", organizer, new
        {
            title = DemoCast.EventTitle,
            description = DemoCast.EventDescription,
            kind = "conference",
            format = "virtual",
            startsAt = start,
            endsAt = start.AddHours(4),
            timeZone = "Europe/London",
            capacity = 200,
            topics = DemoCast.Topics,
            networkingOpensAt = DateTimeOffset.UtcNow,
            joinUrl = "https://meet.example.org/production-ml-day",
        }, cancellationToken);
        var eventId = created.GetProperty("id").GetGuid();
        log.WriteLine($"Created the event {eventId}");

        foreach (var talk in DemoCast.Programme)
        {
            var talkStart = start.AddMinutes(talk.StartMinute);
            await gateway.SendAsync(HttpMethod.Post, "/api/talks", organizer, new
            {
                eventId,
                title = talk.Title,
                @abstract = talk.Abstract,
                speakers = new[] { new { name = talk.Speaker, affiliation = (string?)null } },
                format = talk.Format,
                tags = talk.Tags,
                startsAt = talkStart,
                endsAt = talkStart.AddMinutes(talk.Minutes),
            }, cancellationToken);
        }
        var breakStart = start.AddMinutes(DemoCast.BreakStartMinute);
        await gateway.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/agenda", organizer, new
        {
            kind = "networking-round",
            title = "Networking break: meet your match",
            startsAt = breakStart,
            endsAt = breakStart.AddMinutes(DemoCast.BreakMinutes),
        }, cancellationToken);
        await gateway.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/publish", organizer, cancellationToken: cancellationToken);
        await DemoApi.UntilAsync(async () =>
        {
            using var availability = await gateway.TrySendAsync(HttpMethod.Get, $"/api/registrations/events/{eventId}/availability", cancellationToken: cancellationToken);
            return availability.IsSuccessStatusCode;
        }, "registration opens for the published event", cancellationToken);
        log.WriteLine($"Published it with {DemoCast.Programme.Length} talks and a networking break");
        return eventId;
    }

    private async Task<List<(DemoPerson Person, Guid Id, string Token)>> PeopleAsync(DemoCredentials credentials, Guid eventId, CancellationToken cancellationToken)
    {
        var people = new List<(DemoPerson, Guid, string)>();
        var accounts = await AccountsAsync([.. DemoCast.People.Select((p, i) => (DemoCast.EmailOf(i), p.Name))], credentials.AttendeePassword, cancellationToken);
        for (var i = 0; i < DemoCast.People.Length; i++)
        {
            var person = DemoCast.People[i];
            var (id, token) = accounts[i];
            await gateway.SendAsync(HttpMethod.Put, "/api/attendees/me", token, new
            {
                displayName = person.Name,
                headline = person.Headline,
                company = person.Company,
                interests = person.Interests,
                intents = person.Intents,
                timeZone = person.TimeZone,
                directoryVisible = person.Listed,
                directoryFields = new[] { "headline", "company", "interests", "intents" },
                networkingOptIn = person.Networking,
            }, cancellationToken);
            using var registered = await gateway.TrySendAsync(HttpMethod.Post, "/api/registrations", token, new { eventId }, cancellationToken);
            if (!DemoApi.IsConflict(registered))
            {
                await DemoApi.ReadAsync(registered, HttpMethod.Post, "/api/registrations", cancellationToken);
            }
            people.Add((person, id, token));
        }
        log.WriteLine($"Registered {people.Count} demo attendees");
        return people;
    }

    /// <summary>A round in the hour ahead, so pairs exist now; a few pairs have already both said yes and written to each other.</summary>
    private async Task<int> RunRoundAsync(string organizer, Guid eventId, List<(DemoPerson Person, Guid Id, string Token)> people, CancellationToken cancellationToken)
    {
        var networking = people.Count(p => p.Person.Networking);
        await DemoApi.UntilAsync(async () =>
            (await gateway.SendAsync(HttpMethod.Get, $"/api/networking/events/{eventId}", organizer, cancellationToken: cancellationToken))
                .GetProperty("poolSize").GetInt32() >= networking,
            $"all {networking} people who network reach the pool", cancellationToken);
        var round = await gateway.SendAsync(HttpMethod.Post, $"/api/networking/events/{eventId}/rounds", organizer,
            new { startsAt = DateTimeOffset.UtcNow.AddHours(1), durationMinutes = 20 }, cancellationToken);
        var pairs = await gateway.SendAsync(HttpMethod.Get, $"/api/networking/events/{eventId}/rounds/{round.GetProperty("id").GetGuid()}/pairs",
            organizer, cancellationToken: cancellationToken);
        var count = pairs.GetProperty("pairs").GetArrayLength();
        log.WriteLine($"Ran a networking round: {count} pairs");

        var tokens = people.ToDictionary(p => p.Id, p => (p.Person, p.Token));
        foreach (var (person, _, token) in people.Take(3))
        {
            var matches = await gateway.SendAsync(HttpMethod.Get, $"/api/networking/me/matches?eventId={eventId}", token, cancellationToken: cancellationToken);
            foreach (var match in matches.EnumerateArray().Where(m => m.GetProperty("status").GetString() == "proposed"))
            {
                var id = match.GetProperty("id").GetGuid();
                var (partner, partnerToken) = tokens[match.GetProperty("partner").GetProperty("attendeeId").GetGuid()];
                await gateway.SendAsync(HttpMethod.Post, $"/api/networking/matches/{id}/accept", token, cancellationToken: cancellationToken);
                await gateway.SendAsync(HttpMethod.Post, $"/api/networking/matches/{id}/accept", partnerToken, cancellationToken: cancellationToken);
                await gateway.SendAsync(HttpMethod.Post, $"/api/networking/matches/{id}/messages", token,
                    new { text = $"Hi {partner.Name.Split(' ')[0]}! {person.Name} here. Looking forward to our chat in the break." }, cancellationToken);
                await gateway.SendAsync(HttpMethod.Post, $"/api/networking/matches/{id}/messages", partnerToken,
                    new { text = "Likewise! I have a few questions about how your team runs things in production." }, cancellationToken);
            }
        }
        return count;
    }
}
