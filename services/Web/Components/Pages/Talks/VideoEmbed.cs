namespace EventPlatform.Web.Components.Pages.Talks;

/// <summary>
/// A recording the page can embed: YouTube videos through YouTube's privacy-enhanced domain (no cookies until played).
/// Other recordings (conference sites) are linked, not embedded.
/// </summary>
public static class VideoEmbed
{
    public static string? For(IEnumerable<Services.LinkDto> links)
    {
        foreach (var link in links.Where(l => l.Kind == "video"))
        {
            if (!Uri.TryCreate(link.Url, UriKind.Absolute, out var uri))
            {
                continue;
            }
            var id = uri.Host.ToLowerInvariant() switch
            {
                "www.youtube.com" or "youtube.com" or "m.youtube.com" when uri.AbsolutePath == "/watch" =>
                    System.Web.HttpUtility.ParseQueryString(uri.Query)["v"],
                "www.youtube.com" or "youtube.com" when uri.AbsolutePath.StartsWith("/embed/", StringComparison.Ordinal) => uri.AbsolutePath[7..],
                "youtu.be" => uri.AbsolutePath.TrimStart('/'),
                _ => null,
            };
            if (id is { Length: > 0 and <= 20 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return $"https://www.youtube-nocookie.com/embed/{id}";
            }
        }
        return null;
    }
}
