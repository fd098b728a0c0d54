using System.Reflection;

namespace EventPlatform.Attendees.Domain.Passwords;

/// <summary>
/// What a password must be: 12 to 128 characters, not one of the passwords attackers try first (a list shipped with
/// the service), and not the account's own email or name.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Why the password is refused, in a sentence for the person choosing it; null when it is fine.</summary>
    public static string? Problem(string password, string email, string displayName)
    {
        if (password.Length < MinLength)
        {
            return $"Use at least {MinLength} characters; a few words in a row are easy to remember and hard to guess.";
        }
        if (password.Length > MaxLength)
        {
            return $"Use at most {MaxLength} characters.";
        }
        var lowered = password.ToLowerInvariant();
        if (Common.Value.Contains(lowered))
        {
            return "This password is on the list of passwords attackers try first; choose another.";
        }
        var local = email.Split('@')[0];
        if (password.Equals(email.Trim(), StringComparison.OrdinalIgnoreCase)
            || (local.Length >= 4 && password.Contains(local, StringComparison.OrdinalIgnoreCase))
            || (displayName.Trim().Length >= 4 && password.Equals(displayName.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            return "A password must not be your email address or your name.";
        }
        if (password.Distinct().Count() < 4)
        {
            return "This password repeats too few characters; choose a less predictable one.";
        }
        return null;
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("EventPlatform.Attendees.CommonPasswords")
            ?? throw new InvalidOperationException("The common password list is missing from the Attendees assembly.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line);
            }
        }
        return passwords;
    }
}
