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
}
