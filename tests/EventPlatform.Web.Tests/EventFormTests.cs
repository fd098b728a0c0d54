using EventPlatform.Web.Components.Pages.Organize;
using EventPlatform.Web.Services;

namespace EventPlatform.Web.Tests;

/// <summary>Editing an event sends only what the organizer changed (a JSON merge patch), in the event's own time zone.</summary>
public sealed class EventFormTests
{
    private static readonly string[] Vocabulary = ["mlops", "model-serving", "model-monitoring"];

    private static EventDto Event() => new(
        Guid.NewGuid(), "Drift detection night", "Three short talks.", "meetup", "virtual", "draft",
        new DateTimeOffset(2026, 12, 14, 17, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 14, 20, 0, 0, TimeSpan.Zero),
        "Europe/Lisbon", 40, ["mlops", "model-monitoring"], null, null,
        new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), "https://meet.example.org/drift", null, 3, [], true, []);

    [Fact]
    public void An_untouched_form_changes_nothing()
    {
        var ev = Event();

        Assert.Empty(EventForm.From(ev, Vocabulary).ToPatch(ev, Vocabulary));
    }

    [Fact]
    public void Changing_the_title_and_the_seats_sends_those_two_fields_only()
    {
        var ev = Event();
        var form = EventForm.From(ev, Vocabulary);
        form.Title = "Drift detection night, second edition";
        form.Capacity = 60;

        var patch = form.ToPatch(ev, Vocabulary);

        Assert.Equal(["capacity", "title"], patch.Keys.Order());
        Assert.Equal("Drift detection night, second edition", patch["title"]);
        Assert.Equal(60, patch["capacity"]);
    }

    [Fact]
    public void A_new_start_is_read_in_the_event_zone_and_leaves_the_derived_networking_time_alone()
    {
        var ev = Event();
        var form = EventForm.From(ev, Vocabulary);
        form.StartsAt = new DateTime(2026, 12, 14, 18, 0, 0); // 18:00 in Lisbon (UTC+0 in December)

        var patch = form.ToPatch(ev, Vocabulary);

        Assert.Equal(new DateTimeOffset(2026, 12, 14, 18, 0, 0, TimeSpan.Zero), patch["startsAt"]);
        Assert.False(patch.ContainsKey("networkingOpensAt"));
    }

    [Fact]
    public void The_same_topics_in_another_order_are_no_change()
    {
        var ev = Event() with { Topics = ["model-monitoring", "mlops"] };

        Assert.False(EventForm.From(ev, Vocabulary).ToPatch(ev, Vocabulary).ContainsKey("topics"));
    }
}
