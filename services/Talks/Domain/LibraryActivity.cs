using System.Text.RegularExpressions;
using EventPlatform.ServiceDefaults.Vocabulary;

namespace EventPlatform.Talks.Domain;

/// <summary>A signed-in person watched or read a talk for a while: the primary key makes it once per person and talk.</summary>
public sealed class TalkView
{
    public Guid TalkId { get; init; }
    public Guid AttendeeId { get; init; }
    public DateTimeOffset ViewedAt { get; init; }
}

/// <summary>A talk a person saved to their list: the primary key makes it once per person and talk.</summary>
public sealed class TalkBookmark
{
    public Guid TalkId { get; init; }
    public Guid AttendeeId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// What a question is about, for networking: the talk's tags and the platform's suggested topics its text names
/// ("feature store", "feature-stores" and "Feature Stores" all name <c>feature-stores</c>; "MLOps" and "ML ops" name
/// <c>mlops</c>), in the order they appear.
/// </summary>
public static class QuestionTopics
{
    public const int MaxTopics = 5;

    public static IReadOnlyList<string> Of(string text, IEnumerable<string> talkTags)
    {
        var found = new List<(int At, string Topic)>();
        foreach (var topic in talkTags.Concat(Topics.Suggested).Distinct())
        {
            var match = Pattern(topic).Match(text);
            if (match.Success)
            {
                found.Add((match.Index, topic));
            }
        }
        return [.. found.OrderBy(f => f.At).Select(f => f.Topic).Take(MaxTopics)];
    }

    /// <summary>The topic's words in order, each with or without a final s, joined by a space, a hyphen or nothing.</summary>
    private static Regex Pattern(string topic)
    {
        var words = topic.Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Regex.Escape(w.Length > 3 && w.EndsWith('s') ? w[..^1] : w) + "s?");
        return new Regex($@"\b{string.Join(@"[\s\-_]?", words)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }
}
