using System.Globalization;
using System.Text;

namespace EventPlatform.ServiceDefaults.Validation;

/// <summary>
/// What text the platform accepts anywhere: no NUL or other control characters (line breaks and tabs only where a
/// field is multi-line), no bidirectional overrides or isolates (which make a name read differently than it is
/// stored), no broken UTF-16. Applied to every JSON string, query value and route value before a handler sees it.
/// </summary>
public static class TextRules
{
    /// <summary>Longest single string any request may carry; every field has its own, smaller, limit on top.</summary>
    public const int MaxStringLength = 20_000;

    public static string? Problem(string text, bool allowLineBreaks = true)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                return "it contains broken UTF-16 (a lone surrogate)";
            }
            if (char.IsLowSurrogate(c))
            {
                return "it contains broken UTF-16 (a lone surrogate)";
            }
            if (c is '\n' or '\r' or '\t')
            {
                if (!allowLineBreaks)
                {
                    return "it must be a single line";
                }
                continue;
            }
            if (c == '\0')
            {
                return "it contains a NUL character";
            }
            if (char.IsControl(c))
            {
                return $"it contains the control character U+{(int)c:X4}";
            }
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u061C' or '\uFEFF' or '\uFFFE' or '\uFFFF')
            {
                return $"it contains the invisible formatting character U+{(int)c:X4}";
            }
        }
        return null;
    }

    /// <summary>Trimmed, with runs of white space in a single-line value collapsed to one space.</summary>
    public static string SingleLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }
            space = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>True when the text has at least one letter or digit (a name made of punctuation alone is not a name).</summary>
    public static bool HasLetterOrDigit(string text) =>
        text.EnumerateRunes().Any(r => Rune.IsLetterOrDigit(r) || Rune.GetUnicodeCategory(r) == UnicodeCategory.OtherLetter);
}
