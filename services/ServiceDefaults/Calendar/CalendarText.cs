using System.Globalization;
using System.Text;

namespace EventPlatform.ServiceDefaults.Calendar;

/// <summary>The text rules of RFC 5545 (iCalendar) that every invite the platform writes follows.</summary>
public static class CalendarText
{
    /// <summary>The lines of a calendar object, each folded at 75 octets and ended by CRLF.</summary>
    public static string Join(IEnumerable<string> lines)
    {
        var ics = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(ics, line);
        }
        return ics.ToString();
    }

    /// <summary>A DATE-TIME in UTC form (<c>20261123T150000Z</c>).</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break (CRLF, a bare LF or
    /// a bare CR) written as \n, and any other control character dropped, so no value can start a line of its own.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': escaped.Append("\\\\"); break;
                case ';': escaped.Append("\\;"); break;
                case ',': escaped.Append("\\,"); break;
                case '\r':
                    escaped.Append("\\n");
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                    break;
                case '\n': escaped.Append("\\n"); break;
                default:
                    if (!char.IsControl(c) || c == '\t')
                    {
                        escaped.Append(c);
                    }
                    break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>Lines longer than 75 octets are folded (RFC 5545 §3.1) without splitting a UTF-8 character.</summary>
    private static void Fold(StringBuilder ics, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                ics.Append("\r\n ");
                octets = 1;
                limit = 75;
            }
            ics.Append(rune.ToString());
            octets += size;
        }
        ics.Append("\r\n");
    }
}
