namespace EventPlatform.ServiceDefaults.Http;

/// <summary>Enum values as the APIs spell them: lower-case names. Parsing ignores case and refuses numbers ("3").</summary>
public static class WireEnum
{
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>"talk, panel, podcast" — for messages that say what is allowed.</summary>
    public static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));

    public static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _) ? value : null;
}
