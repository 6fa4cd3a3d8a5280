using System.Text.Json;
using System.Text.Json.Serialization;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>
/// The stored form of a session event: readable, stable JSON with a "type" discriminator and a
/// schema version. The event store, exports and replays all use this one format.
/// </summary>
internal static class EventJson
{
    /// <summary>The version of the event JSON written today; readers accept it and older ones.</summary>
    public const int SchemaVersion = 1;

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };

    /// <summary>One event as stored: the event's own JSON, with its schema version beside it.</summary>
    public static string Serialize(TableEvent @event) =>
        JsonSerializer.Serialize(new StoredEvent(SchemaVersion, @event), Options);

    /// <summary>Reads a stored event; a newer schema than this build knows is refused, not guessed at.</summary>
    public static TableEvent Deserialize(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredEvent>(json, Options)
            ?? throw new JsonException("a stored event is empty");
        if (stored.Schema > SchemaVersion)
        {
            throw new JsonException($"the event was written with schema {stored.Schema}; this build reads up to {SchemaVersion}");
        }

        return stored.Event ?? throw new JsonException("a stored event has no body");
    }

    private sealed record StoredEvent(int Schema, TableEvent? Event);
}
