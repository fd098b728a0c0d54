using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventPlatform.Demo;

/// <summary>
/// The mail catcher's inbox (maildev's HTTP API), read the way a person reads their mail: the operator's tools (the demo,
/// the benchmarks) sign people up through the public API and open the confirmation link that arrives for each. Only
/// for installs whose mail goes to the catcher (development, compose, benchmarks); with a real mail server the links
/// reach real mailboxes and nobody else can read them.
/// </summary>
public sealed class MailInbox(HttpClient http) : IDisposable
{
    /// <summary>Disposes the client it was given.</summary>
    public void Dispose() => http.Dispose();

    /// <summary>A link read from an email: the page it opens (one of the paths asked for) and its secret.</summary>
    public sealed record Link(string Path, string Token);

    /// <summary>
    /// The newest link to one of <paramref name="paths"/> mailed to each address, waiting up to <paramref name="timeout"/>
    /// for all to arrive; the emails read are deleted, as a person would.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Link>> TakeLinksAsync(IReadOnlyCollection<string> addresses, IReadOnlyList<string> paths, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var wanted = addresses.Select(a => a.ToLowerInvariant()).ToHashSet();
        var found = new Dictionary<string, (string Id, Link Link)>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var inbox = await InboxAsync(cancellationToken);
            foreach (var mail in inbox)
            {
                var to = mail.To.FirstOrDefault()?.Address.ToLowerInvariant();
                if (to is not null && wanted.Contains(to) && LinkIn(mail.Text, paths) is { } link)
                {
                    found[to] = (mail.Id, link);
                }
            }
            if (found.Count == wanted.Count)
            {
                break;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new DemoException($"Only {found.Count} of {wanted.Count} links to {string.Join(" or ", paths)} arrived in the mail catcher ({http.BaseAddress}) within {timeout.TotalSeconds:F0} s. " +
                    "Is the Notifications service running and sending to the catcher?");
            }
            await Task.Delay(250, cancellationToken);
        }
        foreach (var (_, (id, _)) in found)
        {
            using var _ = await http.DeleteAsync($"email/{id}", cancellationToken);
        }
        return found.ToDictionary(f => f.Key, f => f.Value.Link);
    }

    /// <summary>Whether the catcher answers (a real mail server has no inbox to read).</summary>
    public async Task<bool> ReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("email", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public Uri? Address => http.BaseAddress;

    /// <summary>
    /// The subjects of the emails that carry account links (Notifications' letters): the catcher filters by them, so a
    /// catcher holding the thousands of emails a benchmark made still answers quickly.
    /// </summary>
    private static readonly string[] LinkSubjects = ["Confirm your email to finish signing up", "You already have an EventPlatform account", "Choose a new password"];

    private async Task<List<Mail>> InboxAsync(CancellationToken cancellationToken)
    {
        var all = new List<Mail>();
        foreach (var subject in LinkSubjects)
        {
            all.AddRange(await http.GetFromJsonAsync<List<Mail>>($"email?subject={Uri.EscapeDataString(subject)}", DemoApi.Json, cancellationToken) ?? []);
        }
        return all;
    }

    private static Link? LinkIn(string? text, IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            var match = Regex.Match(text ?? "", Regex.Escape(path) + @"\?token=([^\s]+)");
            if (match.Success)
            {
                return new Link(path, Uri.UnescapeDataString(match.Groups[1].Value));
            }
        }
        return null;
    }

    private sealed record Mail(string Id, List<Mailbox> To, string? Text);

    private sealed record Mailbox(string Address);
}
