using System.Globalization;

namespace EventPlatform.Web.Services;

/// <summary>Query strings built from optional values (a null value is left out; repeated names are allowed).</summary>
public static class Query
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Of(string path, params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? path : $"{path}?{string.Join('&', present)}";
    }
}
