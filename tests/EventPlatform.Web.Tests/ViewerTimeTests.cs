using EventPlatform.Web.Services;

namespace EventPlatform.Web.Tests;

/// <summary>What a date-time field holds (a wall-clock time in a zone) and the instant it means, both ways.</summary>
public sealed class ViewerTimeTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void A_summer_evening_in_Berlin_is_two_hours_ahead_of_UTC_and_comes_back_the_same()
    {
        var instant = ViewerTime.FromLocal(new DateTime(2026, 7, 1, 18, 0, 0), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 16, 0, 0, TimeSpan.Zero), instant);
        Assert.Equal(new DateTime(2026, 7, 1, 18, 0, 0), ViewerTime.ToLocal(instant, Berlin));
    }

    [Fact]
    public void A_time_the_clocks_skip_in_spring_moves_forward_to_the_first_that_exists()
    {
        // On 29 March 2026 Berlin's clocks jump from 02:00 to 03:00: 02:30 never happens there.
        var instant = ViewerTime.FromLocal(new DateTime(2026, 3, 29, 2, 30, 0), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), instant);
    }

    [Fact]
    public void A_winter_time_uses_the_winter_offset()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 14, 16, 0, 0, TimeSpan.Zero), ViewerTime.FromLocal(new DateTime(2026, 12, 14, 17, 0, 0), Berlin));
    }

    [Theory]
    [InlineData("UTC", "UTC")]
    [InlineData("America/New_York", "America/New York")]
    public void Zones_read_as_people_write_them(string id, string label) =>
        Assert.Equal(label, ViewerTime.ZoneLabel(TimeZoneInfo.FindSystemTimeZoneById(id)));
}
