namespace EventPlatform.ServiceDefaults.Problems;

/// <summary>How a broken rule is reported to the caller.</summary>
public enum RuleViolation
{
    /// <summary>The request is well formed but conflicts with the current state (409).</summary>
    Conflict,
    /// <summary>The request is well formed but its content breaks a business rule (422).</summary>
    Unprocessable,
    /// <summary>The thing asked for does not exist, or the caller may not know it does (404).</summary>
    NotFound,
    /// <summary>The caller is known but may not do this (403).</summary>
    Forbidden,
}

/// <summary>
/// Thrown by entities when a rule would be broken. The exception handler turns it into an RFC 9457
/// problem response whose <c>type</c> ends with <see cref="Code"/>.
/// </summary>
public sealed class DomainRuleException(string code, string message, RuleViolation violation = RuleViolation.Conflict)
    : Exception(message)
{
    public string Code { get; } = code;
    public RuleViolation Violation { get; } = violation;

    public static DomainRuleException NotFound(string what, object id) =>
        new($"{what.ToLowerInvariant()}-not-found", $"{what} '{id}' was not found.", RuleViolation.NotFound);
}
