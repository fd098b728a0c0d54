namespace EventPlatform.ServiceDefaults.Http;

/// <summary>One page of a list: the items, how many there are in all, and where the page is.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    /// <summary>Serialized as "page", as the public API says.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("page")]
    public int PageNumber { get; init; } = PageNumber;
}

public static class Paging
{
    public const int MaxPageSize = 100;

    /// <summary>Deep enough for any list here; beyond it the offset would overflow.</summary>
    public const int MaxPage = 100_000;

    /// <summary>Validation errors for bad paging values (a 400 problem), or null when they are fine.</summary>
    public static Dictionary<string, string[]>? Validate(int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > MaxPage)
        {
            errors["page"] = [$"page must be between 1 and {MaxPage}."];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }
        return errors.Count == 0 ? null : errors;
    }
}
