using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventPlatform.ServiceDefaults.Validation;

/// <summary>Thrown while reading a request body: <see cref="Reason"/> is meant for the caller (it names no .NET type).</summary>
public sealed class RequestValueException(string reason) : JsonException(reason)
{
    /// <summary>Why the value is refused, as the end of a sentence ("must be …").</summary>
    public string Reason { get; } = reason;
}

/// <summary>Every string in a request body follows <see cref="TextRules"/> and stays under its global length limit.</summary>
public sealed class SafeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new RequestValueException("must be text in quotes");
        }
        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") cannot become a .NET string.
            throw new RequestValueException("is refused: it contains broken UTF-16 (a lone surrogate)");
        }
        if (value.Length > TextRules.MaxStringLength)
        {
            throw new RequestValueException($"is longer than {TextRules.MaxStringLength} characters");
        }
        if (TextRules.Problem(value) is { } problem)
        {
            throw new RequestValueException($"is refused: {problem}");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// Dates the platform can mean: from 1970 to 2199. Year 1 or 9999 is a mistake (or a probe) that would overflow
/// date arithmetic downstream, so it is refused at the door.
/// </summary>
public sealed class BoundedDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool InRange(DateTimeOffset value) => value >= Earliest && value < Latest;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new RequestValueException("must be a date and time in ISO 8601 form with an offset, such as 2027-01-20T15:00:00Z");
        }
        if (!InRange(value))
        {
            throw new RequestValueException("must lie between the years 1970 and 2199");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

public static class SafeJson
{
    /// <summary>
    /// Request bodies as the platform reads them: strings and dates checked, enums by name only (a number is refused),
    /// <c>null</c> refused where the field is not optional (a missing list is an empty list; a <c>null</c> one is an error).
    /// Required fields are marked with validation attributes, which name every missing field at once.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Insert(0, new SafeStringConverter());
        options.Converters.Insert(1, new BoundedDateTimeOffsetConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
        options.MaxDepth = 32;
        // A number is a JSON number: "12" for a capacity is refused, not guessed at.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
    }
}
