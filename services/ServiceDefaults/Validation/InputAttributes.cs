using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using EventPlatform.ServiceDefaults.Vocabulary;

namespace EventPlatform.ServiceDefaults.Validation;

/// <summary>A single line of text: a name, a title, a headline (no line breaks, at most <paramref name="maxLength"/> characters).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public class SingleLineAttribute(int maxLength, int minLength = 0) : ValidationAttribute
{
    public int MaxLength { get; } = maxLength;
    public int MinLength { get; } = minLength;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null)
        {
            return ValidationResult.Success;
        }
        if (value is not string text)
        {
            return new ValidationResult($"{validationContext.DisplayName} must be text.");
        }
        var trimmed = text.Trim();
        if (trimmed.Length < MinLength || trimmed.Length > MaxLength)
        {
            return new ValidationResult(MinLength > 0
                ? $"{validationContext.DisplayName} is {MinLength} to {MaxLength} characters long."
                : $"{validationContext.DisplayName} is at most {MaxLength} characters long.");
        }
        if (TextRules.Problem(text, allowLineBreaks: false) is { } problem)
        {
            return new ValidationResult($"{validationContext.DisplayName} is refused: {problem}.");
        }
        return ValidationResult.Success;
    }
}

/// <summary>A person's display name: 1–100 characters on one line, with at least one letter or digit.</summary>
public sealed class PersonNameAttribute() : SingleLineAttribute(100, 1)
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        base.IsValid(value, validationContext) ?? (value is string text && !TextRules.HasLetterOrDigit(text)
            ? new ValidationResult($"{validationContext.DisplayName} needs at least one letter or digit.")
            : ValidationResult.Success);
}

/// <summary>An email address a message could be delivered to: one address, a domain with a dot, no display name.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class StrictEmailAttribute : ValidationAttribute
{
    public const int MaxLength = 254;

    public static bool IsValidEmail(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > MaxLength || TextRules.Problem(trimmed, allowLineBreaks: false) is not null || trimmed.Any(char.IsWhiteSpace))
        {
            return false;
        }
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !string.IsNullOrEmpty(address.DisplayName))
        {
            return false;
        }
        var at = trimmed.LastIndexOf('@');
        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        return local.Length is > 0 and <= 64
            && !local.StartsWith('.') && !local.EndsWith('.') && !local.Contains("..", StringComparison.Ordinal)
            && domain.Contains('.', StringComparison.Ordinal)
            && domain.Split('.').All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-')
                && label.All(c => char.IsLetterOrDigit(c) || c == '-'));
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || (value is string text && IsValidEmail(text))
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName} must be an email address such as ana@example.org.");
}

/// <summary>
/// A list of topic words (interests, event topics, talk tags): at most <paramref name="maxItems"/>, each 1–50
/// characters of letters, digits and "-", "+", "#", "." once normalized ("Model Serving" is "model-serving").
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TopicListAttribute(int maxItems) : ValidationAttribute
{
    public const int MaxTopicLength = 50;

    public int MaxItems { get; } = maxItems;

    public static string? Problem(string? topic)
    {
        if (topic is null)
        {
            return "an entry is empty (null)";
        }
        var normalized = Topics.Normalize(topic);
        if (normalized.Length is 0)
        {
            return "an entry is blank";
        }
        if (normalized.Length > MaxTopicLength)
        {
            return $"an entry is longer than {MaxTopicLength} characters";
        }
        return normalized.All(c => char.IsLetterOrDigit(c) || c is '-' or '+' or '#' or '.')
            ? null
            : $"'{normalized}' may only hold letters, digits and - + # .";
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null)
        {
            return ValidationResult.Success;
        }
        if (value is not IEnumerable list || value is string)
        {
            return new ValidationResult($"{validationContext.DisplayName} must be a list of words.");
        }
        var items = list.Cast<object?>().ToList();
        if (items.Count > MaxItems)
        {
            return new ValidationResult($"{validationContext.DisplayName} holds at most {MaxItems} entries.");
        }
        foreach (var item in items)
        {
            if (Problem(item as string) is { } problem)
            {
                return new ValidationResult($"{validationContext.DisplayName}: {problem}.");
            }
        }
        return ValidationResult.Success;
    }
}

/// <summary>
/// A list of at most <paramref name="maxItems"/> entries, none of them null (JSON <c>[null]</c>); text entries are single
/// lines of 1 to <c>itemMaxLength</c> characters.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ListOfAttribute(int maxItems) : ValidationAttribute
{
    public int MaxItems { get; } = maxItems;

    /// <summary>Longest text entry.</summary>
    public int ItemMaxLength { get; set; } = 200;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null)
        {
            return ValidationResult.Success;
        }
        var items = ((IEnumerable)value).Cast<object?>().ToList();
        if (items.Count > MaxItems)
        {
            return new ValidationResult($"{validationContext.DisplayName} holds at most {MaxItems} entries.");
        }
        foreach (var item in items)
        {
            if (item is null)
            {
                return new ValidationResult($"{validationContext.DisplayName} must not hold empty (null) entries.");
            }
            if (item is string text)
            {
                if (text.Trim().Length is 0 || text.Length > ItemMaxLength)
                {
                    return new ValidationResult($"{validationContext.DisplayName}: each entry is 1 to {ItemMaxLength} characters long.");
                }
                if (TextRules.Problem(text, allowLineBreaks: false) is { } problem)
                {
                    return new ValidationResult($"{validationContext.DisplayName}: an entry is refused: {problem}.");
                }
            }
        }
        return ValidationResult.Success;
    }
}

/// <summary>An absolute http(s) URL of at most 2,000 characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WebUrlAttribute(int maxLength = 2000) : ValidationAttribute
{
    public static bool IsValidUrl(string text, int maxLength = 2000) =>
        text.Length <= maxLength && TextRules.Problem(text, allowLineBreaks: false) is null && !text.Any(char.IsWhiteSpace)
        && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Host.Length > 0;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || (value is string text && (text.Length == 0 || IsValidUrl(text, maxLength)))
            ? ValidationResult.Success
            : new ValidationResult($"{validationContext.DisplayName} must be an absolute http(s) URL of at most {maxLength} characters.");
}
