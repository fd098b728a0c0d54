using EventPlatform.Web.Services;
using Microsoft.AspNetCore.Components;

namespace EventPlatform.Web.Components.Pages.Organize;

/// <summary>
/// A page of the Organize area about one event: loads the event on every request (a form post included), and lets
/// only the event's organizers in; the API decides who they are, so this only mirrors its answer.
/// </summary>
public abstract class OrganizerPage : ComponentBase
{
    [Parameter] public Guid Id { get; set; }

    /// <summary>What the last action did, carried across the redirect after it (post, redirect, get).</summary>
    [SupplyParameterFromQuery] public string? Done { get; set; }

    [Inject] protected EventsClient Events { get; set; } = null!;
    [Inject] protected NavigationManager Navigation { get; set; } = null!;
    [Inject] protected ViewerTime Time { get; set; } = null!;

    protected EventDto? Event { get; private set; }

    /// <summary>Set when the event exists but the person does not organize it.</summary>
    protected bool Forbidden { get; private set; }

    protected ApiProblem? Problem { get; set; }

    /// <summary>The event's own time zone: organizers write its times in it.</summary>
    protected TimeZoneInfo EventZone { get; private set; } = TimeZoneInfo.Utc;

    protected override async Task OnParametersSetAsync()
    {
        var result = await Events.GetAsync(Id);
        if (result.Value is not { } ev)
        {
            Navigation.NotFound();
            return;
        }
        Event = ev;
        Forbidden = !ev.CanManage;
        EventZone = TimeZoneInfo.TryFindSystemTimeZoneById(ev.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
        if (!Forbidden)
        {
            await LoadAsync();
        }
    }

    /// <summary>What else the page needs, once the event is known to be the person's.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>After an action: back to this page with a note of what was done (so a reload repeats nothing).</summary>
    protected void Redirect(string done, string? path = null) =>
        Navigation.NavigateTo($"{path ?? new Uri(Navigation.Uri).AbsolutePath}?done={Uri.EscapeDataString(done)}");
}
