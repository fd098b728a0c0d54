using System.Reflection;
using EventPlatform.Web.Services;
using Microsoft.AspNetCore.Components.Forms;

namespace EventPlatform.Web.Components.UI;

/// <summary>
/// Puts an API problem where the person will look: each field error next to its field (matched by name, so "password"
/// finds Password), and the rest as one sentence above the form. What they typed stays in the fields.
/// </summary>
public sealed class FormProblems(EditContext context)
{
    private readonly ValidationMessageStore _store = new(context);

    public string? Summary { get; private set; }

    public void Show(ApiProblem problem)
    {
        _store.Clear();
        Summary = null;
        var placed = false;
        foreach (var (field, messages) in problem.Errors)
        {
            var name = field.Split('.', '[')[0];
            var property = context.Model.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                continue;
            }
            _store.Add(context.Field(property.Name), messages);
            placed = true;
        }
        if (!placed || problem.Detail is not null)
        {
            Summary = problem.Message;
        }
        context.NotifyValidationStateChanged();
    }

    public void Clear()
    {
        _store.Clear();
        Summary = null;
        context.NotifyValidationStateChanged();
    }
}
