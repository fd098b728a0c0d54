using System.Collections.Concurrent;
using System.Text.Json;

namespace EventPlatform.ServiceDefaults.Messaging;

/// <summary>How outbox rows name and serialize message types (contracts live in EventPlatform.Contracts).</summary>
public static class OutboxMessageTypes
{
    private static readonly ConcurrentDictionary<string, Type?> Resolved = new();

    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type? Resolve(string name) => Resolved.GetOrAdd(name, static n => Type.GetType(n, throwOnError: false));
}
