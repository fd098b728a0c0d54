using Microsoft.AspNetCore.Components;

namespace EventPlatform.Web.Components.UI;

/// <summary>
/// A component that runs on the server's live connection. Prerendered, its buttons would do nothing when pressed,
/// so they stay disabled (<see cref="Disabled"/>) until the connection is up, and while an action is under way.
/// </summary>
public abstract class InteractiveComponent : ComponentBase
{
    /// <summary>An action is under way.</summary>
    protected bool Busy { get; set; }

    protected bool Disabled => Busy || !RendererInfo.IsInteractive;

    /// <summary>
    /// Shown before the live connection is up: a field typed into now would be emptied when the component comes alive,
    /// so inputs stay disabled until then (not while an action runs, which would take the focus from them).
    /// </summary>
    protected bool Prerendered => !RendererInfo.IsInteractive;

    private Func<ElementReference>? _focusAfterRender;

    /// <summary>
    /// After the next render, moves the focus to an element it produced: when a button gives way to a confirmation,
    /// keyboard and screen-reader users land on the question's answer instead of at the top of the page.
    /// </summary>
    protected void FocusAfterRender(Func<ElementReference> element) => _focusAfterRender = element;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusAfterRender is { } element)
        {
            _focusAfterRender = null;
            await element().FocusAsync();
        }
    }
}
