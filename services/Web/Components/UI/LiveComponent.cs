using EventPlatform.Web.Live;
using EventPlatform.Web.Sessions;
using Microsoft.AspNetCore.Components;

namespace EventPlatform.Web.Components.UI;

/// <summary>
/// A component that changes while the page is open: once interactive, it hears the live updates meant for the person
/// signed in and decides what to reload. (Prerendered, it renders once like any other.)
/// </summary>
public abstract class LiveComponent : InteractiveComponent, IDisposable
{
    private IDisposable? _subscription;

    [Inject] private LiveUpdates Live { get; set; } = null!;
    [Inject] protected CurrentUser User { get; set; } = null!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        if (firstRender && RendererInfo.IsInteractive && await User.IdAsync() is { } me)
        {
            _subscription = Live.Subscribe(me, update => InvokeAsync(async () =>
            {
                await OnLiveUpdateAsync(update);
                StateHasChanged();
            }));
        }
    }

    protected abstract Task OnLiveUpdateAsync(LiveUpdate update);

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
