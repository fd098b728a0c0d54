using EventPlatform.Web.Components.Pages.Talks;
using EventPlatform.Web.Services;

namespace EventPlatform.Web.Tests;

/// <summary>Only YouTube recordings are embedded, and only through YouTube's privacy-enhanced domain.</summary>
public sealed class VideoEmbedTests
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=Zx9cW1uT7aQ")]
    [InlineData("https://youtube.com/watch?v=Zx9cW1uT7aQ&t=42s")]
    [InlineData("https://youtu.be/Zx9cW1uT7aQ")]
    [InlineData("https://www.youtube.com/embed/Zx9cW1uT7aQ")]
    public void A_YouTube_recording_plays_from_youtube_nocookie(string url) =>
        Assert.Equal("https://www.youtube-nocookie.com/embed/Zx9cW1uT7aQ", VideoEmbed.For([new LinkDto("video", url)]));

    [Theory]
    [InlineData("video", "https://www.safaribooksonline.com/library/view/strata-data-conference/9781492025993/video320608.html")]
    [InlineData("video", "https://www.youtube.com/watch?v=abc%22onload%3D")]
    [InlineData("video", "https://evil.example/watch?v=Zx9cW1uT7aQ")]
    [InlineData("slides", "https://www.youtube.com/watch?v=Zx9cW1uT7aQ")]
    [InlineData("video", "not a url")]
    public void Anything_else_is_linked_not_embedded(string kind, string url) => Assert.Null(VideoEmbed.For([new LinkDto(kind, url)]));
}
