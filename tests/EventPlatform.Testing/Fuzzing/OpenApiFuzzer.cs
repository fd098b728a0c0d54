using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace EventPlatform.Testing.Fuzzing;

/// <summary>What a service's fuzz run needs to reach past authorization and into validation: a token and real ids.</summary>
public sealed class FuzzSetup
{
    /// <summary>Bearer token sent with every request (an organizer who owns the fixtures, so checks pass and values are reached).</summary>
    public required string Token { get; init; }

    /// <summary>A valid value for a path parameter of an operation: (parameter name, path template) → value.</summary>
    public required Func<string, string, string> PathValue { get; init; }

    /// <summary>A valid value for a body field or query parameter by its name (ids, emails), or null to derive one from the schema.</summary>
    public Func<string, JsonNode?> FieldValue { get; init; } = _ => null;

    /// <summary>Reads the service's data: a refused request must leave it exactly as it was.</summary>
    public required Func<Task<string>> Fingerprint { get; init; }
}

/// <summary>One bad value for one place of a request, and whether the platform must refuse it whatever else holds.</summary>
public sealed record Mutation(string Description, string RawJson, bool MustRefuse);

/// <summary>
/// Reads a service's OpenAPI document and, for every operation, sends bad values for each path and query parameter and
/// each body field (nested ones included) and bad bodies as a whole: control characters, NUL, bidirectional overrides,
/// broken UTF-16, huge strings, wrong JSON types, null, numbers out of range, dates at the ends of the calendar, enum
/// numbers, arrays of nulls, deep nesting. Values come from FsCheck generators on a fixed seed (a failure replays).
/// Every answer must be below 500; a refusal must be an RFC 9457 problem with a documented status, naming no .NET type,
/// and must leave the service's data untouched; values no request may carry must be refused.
/// </summary>
public sealed partial class OpenApiFuzzer(HttpClient client, FuzzSetup setup, Action<string> log)
{
    private const int RandomCasesPerTarget = 5;
    private readonly JsonObject _document = new();
    private readonly Dictionary<string, int> _statuses = [];
    private int _requests;

    public sealed record Report(int Operations, int Targets, int Requests, IReadOnlyDictionary<string, int> Statuses);

    public async Task<Report> RunAsync(ulong seed, TimeSpan budget)
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!.AsObject();
        foreach (var (key, value) in document)
        {
            _document[key] = value?.DeepClone();
        }
        var operations = Operations().OrderBy(o => o.Destructive).ThenBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList();
        var watch = Stopwatch.StartNew();
        var targets = 0;
        foreach (var operation in operations)
        {
            var random = watch.Elapsed < budget;
            foreach (var target in Targets(operation))
            {
                targets++;
                foreach (var mutation in FixedMutations(target))
                {
                    await CheckAsync(operation, target, mutation);
                }
                if (random)
                {
                    var generator = Mutations(target).ToArbitrary();
                    var config = Config.QuickThrowOnFailure.WithMaxTest(RandomCasesPerTarget).WithReplay(seed, 0x9E3779B97F4A7C15UL).WithQuietOnSuccess(true);
                    Check.One(config, Prop.ForAll(generator, mutation => CheckAsync(operation, target, mutation).GetAwaiter().GetResult()));
                }
            }
        }
        log($"fuzzed {operations.Count} operations, {targets} targets, {_requests} requests in {watch.Elapsed.TotalSeconds:F1} s; statuses: "
            + string.Join(", ", _statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}×{s.Value}")));
        return new Report(operations.Count, targets, _requests, _statuses);
    }

    private sealed record Operation(string Method, string Path, JsonObject Definition)
    {
        public bool Destructive => Method == "DELETE" || Path.EndsWith("/cancel", StringComparison.Ordinal) || Path.EndsWith("/end", StringComparison.Ordinal)
            || Path.EndsWith("/logout", StringComparison.Ordinal) || Path.EndsWith("/password", StringComparison.Ordinal);

        public IEnumerable<string> Documented => Definition["responses"]?.AsObject().Select(r => r.Key) ?? [];
    }

    /// <summary>A place a bad value goes: a path or query parameter, a body field (by its path of names and indexes), or the body itself.</summary>
    private sealed record Target(string In, string Name, JsonObject Schema, bool Required, IReadOnlyList<object> BodyPath);

    private IEnumerable<Operation> Operations()
    {
        foreach (var (path, item) in _document["paths"]!.AsObject())
        {
            foreach (var (method, definition) in item!.AsObject())
            {
                yield return new Operation(method.ToUpperInvariant(), path, definition!.AsObject());
            }
        }
    }

    private IEnumerable<Target> Targets(Operation operation)
    {
        foreach (var parameter in operation.Definition["parameters"]?.AsArray() ?? [])
        {
            var p = parameter!.AsObject();
            yield return new Target((string)p["in"]!, (string)p["name"]!, Resolve(p["schema"]?.AsObject() ?? []), (bool?)p["required"] ?? false, []);
        }
        if (BodySchema(operation) is { } body)
        {
            yield return new Target("body", "(body)", body, (bool?)operation.Definition["requestBody"]?["required"] ?? false, []);
            foreach (var field in Fields(body, [], depth: 0))
            {
                yield return field;
            }
        }
    }

    private IEnumerable<Target> Fields(JsonObject schema, List<object> path, int depth)
    {
        var resolved = Resolve(schema);
        var required = resolved["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
        foreach (var (name, propertySchema) in resolved["properties"]?.AsObject() ?? [])
        {
            var property = Resolve(propertySchema!.AsObject());
            List<object> fieldPath = [.. path, name];
            yield return new Target("body", string.Join('.', fieldPath), property, required.Contains(name), fieldPath);
            if (depth < 2 && Types(property).Contains("array") && property["items"] is JsonObject items && Types(Resolve(items)).Contains("object"))
            {
                foreach (var nested in Fields(items, [.. fieldPath, 0], depth + 1))
                {
                    yield return nested;
                }
            }
            else if (depth < 2 && Types(property).Contains("object") && property["properties"] is not null)
            {
                foreach (var nested in Fields(property, fieldPath, depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    private async Task CheckAsync(Operation operation, Target target, Mutation mutation)
    {
        using var request = Build(operation, target, mutation);
        var before = await setup.Fingerprint();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        _requests++;
        var key = $"{status}";
        _statuses[key] = _statuses.GetValueOrDefault(key) + 1;
        var what = $"{operation.Method} {operation.Path} with {target.In} '{target.Name}' = {mutation.Description} → {status}: {Shorten(body)}";

        if (status >= 500)
        {
            throw new Xunit.Sdk.XunitException($"Server error for {what}");
        }
        if (mutation.MustRefuse && status < 400)
        {
            throw new Xunit.Sdk.XunitException($"Accepted what must be refused: {what}");
        }
        if (status < 400)
        {
            return;
        }
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            throw new Xunit.Sdk.XunitException($"Refusal is not application/problem+json ({response.Content.Headers.ContentType}): {what}");
        }
        var problem = JsonNode.Parse(body)!.AsObject();
        if ((int?)problem["status"] != status || problem["title"] is null)
        {
            throw new Xunit.Sdk.XunitException($"Refusal is not a problem document with its status: {what}");
        }
        if (DotNetTypeName().IsMatch(body))
        {
            throw new Xunit.Sdk.XunitException($"A problem body names a .NET type: {what}");
        }
        if (!operation.Documented.Contains(key))
        {
            throw new Xunit.Sdk.XunitException($"Status {status} is not among the documented responses ({string.Join(", ", operation.Documented)}): {what}");
        }
        var after = await setup.Fingerprint();
        if (after != before)
        {
            throw new Xunit.Sdk.XunitException($"A refused request changed stored data: {what}");
        }
    }

    private HttpRequestMessage Build(Operation operation, Target target, Mutation mutation)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var parameter in operation.Definition["parameters"]?.AsArray() ?? [])
        {
            var p = parameter!.AsObject();
            var name = (string)p["name"]!;
            var location = (string)p["in"]!;
            string? value;
            if (target.In == location && target.Name == name)
            {
                value = JsonNode.Parse(mutation.RawJson) is JsonValue v && v.TryGetValue<string>(out var text) ? text : mutation.RawJson;
            }
            else if (location == "path")
            {
                value = setup.PathValue(name, operation.Path);
            }
            else
            {
                value = (bool?)p["required"] == true ? ValidText(Sample(Resolve(p["schema"]?.AsObject() ?? []), name, 0)) : null;
            }
            if (value is null)
            {
                continue;
            }
            if (location == "path")
            {
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
            else if (location == "query")
            {
                query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
            }
        }
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), path + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", setup.Token);
        if (BodySchema(operation) is { } schema)
        {
            var mediaType = operation.Definition["requestBody"]!["content"]!.AsObject().First().Key;
            string text;
            if (target.In == "body" && target.BodyPath.Count == 0)
            {
                text = mutation.RawJson;
            }
            else
            {
                var body = Sample(schema, "", 0) ?? new JsonObject();
                const string placeholder = "\"__fuzz_value__\"";
                if (target.In == "body")
                {
                    Place(body, target.BodyPath, JsonValue.Create("__fuzz_value__"));
                }
                text = body.ToJsonString().Replace(placeholder, mutation.RawJson, StringComparison.Ordinal);
            }
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        }
        return request;
    }

    private static void Place(JsonNode body, IReadOnlyList<object> path, JsonNode value)
    {
        var node = body;
        for (var i = 0; i < path.Count; i++)
        {
            var last = i == path.Count - 1;
            if (path[i] is string name)
            {
                var obj = node.AsObject();
                if (last)
                {
                    obj[name] = value;
                    return;
                }
                obj[name] ??= path[i + 1] is int ? new JsonArray() : new JsonObject();
                node = obj[name]!;
            }
            else
            {
                var array = node.AsArray();
                if (array.Count == 0)
                {
                    array.Add(new JsonObject());
                }
                node = array[0]!;
            }
        }
    }

    /// <summary>Bad values sent to every target, whatever the seed: each one the platform must refuse.</summary>
    private static IEnumerable<Mutation> FixedMutations(Target target)
    {
        if (target.In == "body" && target.BodyPath.Count == 0)
        {
            yield return new Mutation("malformed JSON", "{\"a\": ", true);
            yield return new Mutation("a JSON array for an object", "[1, 2]", true);
            yield return new Mutation("nesting 200 levels deep", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200), true);
            yield break;
        }
        var types = Types(target.Schema);
        if (target.In is "query" or "path")
        {
            // A NUL in the path itself never reaches an app: the web server refuses the request line (400).
            if (target.In == "query")
            {
                yield return new Mutation("a NUL character", Json("a\0b"), true);
            }
            yield return new Mutation("a right-to-left override", Json("\u202Eevil"), true);
            yield break;
        }
        if (types.Contains("string") || types.Count == 0)
        {
            yield return new Mutation("a NUL character", Json("Ana\0"), true);
            yield return new Mutation("a right-to-left override", Json("\u202Ecod.exe"), true);
            yield return new Mutation("a lone surrogate", "\"x\\ud800y\"", true);
            yield return new Mutation("100,000 characters", Json(new string('x', 100_000)), true);
        }
        if (target.Schema["format"]?.GetValue<string>() == "date-time")
        {
            yield return new Mutation("year 1", Json("0001-01-01T00:00:00Z"), true);
            yield return new Mutation("year 9999", Json("9999-12-31T23:59:59Z"), true);
        }
        if (target.Schema["enum"] is not null)
        {
            yield return new Mutation("an enum number", "99", true);
        }
        if (types.Contains("array"))
        {
            yield return new Mutation("an array holding null", "[null]", true);
            yield return new Mutation("an array of 3,000-character strings", "[" + Json(new string('t', 3000)) + "]", true);
        }
        if (types.Contains("integer"))
        {
            yield return new Mutation("a number past 64 bits", "99999999999999999999999", true);
            yield return new Mutation("a number in a string", "\"12\"", true);
        }
        // Wrong JSON type: text where there is no text, a number where there is no number.
        yield return types.Contains("string") || types.Count == 0
            ? new Mutation("an object for text", "{\"x\": 1}", true)
            : new Mutation("text for a " + string.Join('/', types), Json("not-a-" + string.Join('-', types)), true);
        if (types.Count > 0 && !types.Contains("null"))
        {
            // A field that is not nullable takes no null, required or not (a null list once reached a handler as null).
            yield return new Mutation("null where null is not allowed", "null", true);
        }
    }

    /// <summary>Random bad (or merely odd) values for a target; odd ones may be accepted, bad ones must be refused.</summary>
    private static Gen<Mutation> Mutations(Target target)
    {
        var types = Types(target.Schema);
        var unsafeText = Gen.OneOf(
            Gen.Choose(1, 31).Where(c => c is not (9 or 10 or 13)).Select(c => ((char)c).ToString()),
            Gen.Elements("\u007F", "\u0085", "\u009B", "\u202A", "\u202B", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\uFEFF", "\0"));
        var placed = from prefix in Gen.Elements("", "Ana ", "MLOps meetup ", "x")
                     from bad in target.In == "path" ? unsafeText.Where(c => c != "\0") : unsafeText
                     from suffix in Gen.Elements("", " Lima", "!", "😀")
                     select new Mutation($"text with U+{(int)bad[0]:X4}", Json(prefix + bad + suffix), true);
        var odd = Gen.Elements(
            new Mutation("empty text", Json(""), false),
            new Mutation("blank text", Json("   "), false),
            new Mutation("3,000 characters", Json(new string('w', 3000)), false),
            new Mutation("25,000 characters", Json(new string('w', 25_000)), true),
            new Mutation("SQL", Json("'; DROP TABLE events; --"), false),
            new Mutation("markup", Json("<script>alert(1)</script>"), false),
            new Mutation("emoji and accents", Json("Zoë 😀 Łódź"), false),
            new Mutation("a negative number", "-1", false),
            new Mutation("zero", "0", false),
            new Mutation("2^31", "2147483648", false),
            new Mutation("a fraction", "1.5", false),
            new Mutation("1e308", "1e308", false),
            new Mutation("true", "true", false),
            new Mutation("an empty object", "{}", false),
            new Mutation("an empty array", "[]", false),
            new Mutation("null", "null", false),
            new Mutation("a date with no time", Json("2027-01-20"), false),
            new Mutation("a date in 1969", Json("1969-12-31T23:59:59Z"), true),
            new Mutation("an impossible date", Json("2027-13-45T99:99:99Z"), false),
            new Mutation("a random id", Json(Guid.NewGuid().ToString()), false),
            new Mutation("a malformed id", Json("not-a-guid"), false),
            new Mutation("1,000 entries", "[" + string.Join(',', Enumerable.Repeat(Json("mlops"), 1000)) + "]", false));
        var refusedOdd = odd.Select(m => m with
        {
            // Values of the wrong JSON type, or that the platform never takes, are refused whatever the field.
            MustRefuse = m.MustRefuse || WrongType(types, m.RawJson) || (m.RawJson == "null" && types.Count > 0 && !types.Contains("null")),
        });
        if (target.In is "query" or "path")
        {
            // In an address every value is text; what matters is that unsafe text is refused and nothing breaks.
            // (An empty path segment is another address, not a bad value for this one.)
            var inAddress = odd.Where(m => m.Description != "25,000 characters" && !(target.In == "path" && m.Description == "empty text"))
                .Select(m => m with { MustRefuse = target.In == "query" && m.Description == "3,000 characters" });
            return Gen.OneOf(placed, inAddress);
        }
        return types.Contains("string") || types.Count == 0
            ? Gen.Frequency((2, placed), (3, refusedOdd))
            : refusedOdd;
    }

    private static bool WrongType(HashSet<string> types, string raw)
    {
        if (types.Count == 0)
        {
            return false;
        }
        var kind = raw.Length == 0 ? ' ' : raw[0];
        return kind switch
        {
            '"' => !types.Contains("string"),
            '{' => !types.Contains("object"),
            '[' => !types.Contains("array"),
            't' or 'f' => !types.Contains("boolean"),
            'n' => false,
            _ => !types.Contains("integer") && !types.Contains("number") || (raw.Contains('.', StringComparison.Ordinal) && !types.Contains("number")),
        };
    }

    /// <summary>A valid-looking instance of a schema: what the bad value is placed into.</summary>
    private JsonNode? Sample(JsonObject schema, string name, int depth)
    {
        if (setup.FieldValue(name) is { } known)
        {
            return known;
        }
        var resolved = Resolve(schema);
        if (resolved["enum"] is JsonArray values && values.Count > 0)
        {
            return values[0]?.DeepClone();
        }
        var types = Types(resolved);
        if (types.Contains("object") || resolved["properties"] is not null)
        {
            var obj = new JsonObject();
            if (depth < 4)
            {
                foreach (var (property, propertySchema) in resolved["properties"]?.AsObject() ?? [])
                {
                    obj[property] = Sample(propertySchema!.AsObject(), property, depth + 1);
                }
            }
            return obj;
        }
        if (types.Contains("array"))
        {
            var items = resolved["items"] as JsonObject;
            return items is null || depth >= 4 ? new JsonArray() : new JsonArray(Sample(items, name, depth + 1));
        }
        if (types.Contains("integer") || types.Contains("number"))
        {
            var minimum = (double?)resolved["minimum"] ?? 1;
            var maximum = (double?)resolved["maximum"] ?? 1_000_000;
            return JsonValue.Create((long)Math.Clamp(20, minimum, maximum));
        }
        if (types.Contains("boolean"))
        {
            return JsonValue.Create(true);
        }
        var format = (string?)resolved["format"];
        return format switch
        {
            "uuid" => JsonValue.Create(Guid.NewGuid()),
            "date-time" => JsonValue.Create(DateTimeOffset.UtcNow.Date.AddDays(30).AddHours(15).ToString("O")),
            _ => JsonValue.Create(TextFor(name, (int?)resolved["minLength"] ?? 0)),
        };
    }

    private static string TextFor(string name, int minLength)
    {
        var text = name.ToLowerInvariant() switch
        {
            var n when n.Contains("email", StringComparison.Ordinal) => $"fuzz.{Guid.NewGuid():N}@example.org",
            var n when n.Contains("password", StringComparison.Ordinal) => "A sensible fuzz passphrase 2027",
            "timezone" => "Europe/Berlin",
            var n when n.Contains("url", StringComparison.Ordinal) => "https://example.org/fuzz",
            "format" => "talk",
            "status" => "answered",
            "kind" => "video",
            "language" => "en",
            "topic" or "interest" or "tag" => "mlops",
            "intent" => "hiring",
            "sort" => "votes",
            _ => "Fuzzed value",
        };
        return text.Length >= minLength ? text : text + new string('x', minLength - text.Length);
    }

    private static string? ValidText(JsonNode? node) => node is JsonValue value ? (value.TryGetValue<string>(out var s) ? s : value.ToJsonString()) : null;

    private JsonObject? BodySchema(Operation operation) =>
        operation.Definition["requestBody"]?["content"]?.AsObject().FirstOrDefault().Value?["schema"] is JsonObject schema ? Resolve(schema) : null;

    private JsonObject Resolve(JsonObject schema)
    {
        while (schema["$ref"] is JsonValue reference)
        {
            var name = ((string)reference!).Split('/')[^1];
            schema = _document["components"]!["schemas"]![name]!.AsObject();
        }
        return schema;
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue single => [(string)single!],
        JsonArray many => [.. many.Select(t => (string)t!)],
        _ => schema["properties"] is not null ? ["object"] : [],
    };

    private static string Json(string text) => JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;

    [GeneratedRegex(@"\b(System|Microsoft|EventPlatform|Npgsql|MassTransit)\.[A-Z][A-Za-z]+")]
    private static partial Regex DotNetTypeName();
}
