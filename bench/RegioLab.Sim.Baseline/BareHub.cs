using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace RegioLab.Sim.Baseline;

/// <summary>
/// A table of the bare hub: its group and a version counter. Sends to one group run one at a time,
/// so that, as in the product, a reader never gets an older version after a newer one.
/// </summary>
public sealed class BareTable(string name)
{
    public string Name { get; } = name;

    public long Version { get; set; }

    public SemaphoreSlim Gate { get; } = new(1, 1);
}

public sealed class BareTables
{
    private readonly ConcurrentDictionary<string, BareTable> tables = new(StringComparer.Ordinal);

    public BareTable Get(string name) => tables.GetOrAdd(name, n => new BareTable(n));
}

/// <summary>The answer to a command, shaped like the product's Ack.</summary>
public sealed record BareAck(bool Accepted, long Version, string? Code, string? Message, bool Repeated);

/// <summary>
/// Joins a connection to a group; each command (whatever it says) bumps the group's version and
/// broadcasts the one message to the group. <see cref="BeforeBroadcastAsync"/> is what a variant does
/// first (the bare hub: nothing).
/// </summary>
public abstract class TableHub(BareTables tables, BarePayload payload) : Hub
{
    public async Task<bool> Join(string group)
    {
        var table = tables.Get(group);
        Context.Items[nameof(BareTable)] = table;
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        return true;
    }

    public async Task<BareAck> Send(string commandId, long? expectedVersion, JsonElement command)
    {
        if (Context.Items[nameof(BareTable)] is not BareTable table)
        {
            return new BareAck(false, 0, "not_joined", "call Join first", false);
        }

        await table.Gate.WaitAsync();
        try
        {
            var version = table.Version + 1;
            if (!await BeforeBroadcastAsync(table, version, commandId, command))
            {
                return new BareAck(false, table.Version, "storage_unavailable", "the log could not be written", false);
            }

            table.Version = version;
            await Clients.Group(table.Name).SendAsync("Update", new BareUpdate(table.Name, version, payload));
            return new BareAck(true, version, null, null, false);
        }
        finally
        {
            table.Gate.Release();
        }
    }

    /// <summary>Runs before the broadcast, under the table's gate; false refuses the command.</summary>
    protected abstract ValueTask<bool> BeforeBroadcastAsync(BareTable table, long version, string commandId, JsonElement command);
}

/// <summary>The bare hub: the broadcast and nothing else (<c>/hubs/bare</c>).</summary>
public sealed class BareHub(BareTables tables, BarePayload payload) : TableHub(tables, payload)
{
    protected override ValueTask<bool> BeforeBroadcastAsync(BareTable table, long version, string commandId, JsonElement command) => ValueTask.FromResult(true);
}

/// <summary>
/// The durable floor (<c>/hubs/durable</c>): the bare hub that first makes the command durable, one
/// row in a SQLite file through a group commit (<see cref="DurableLog"/>), as the product makes every
/// event durable before anyone is told.
/// </summary>
public sealed class DurableHub(BareTables tables, BarePayload payload, DurableLog log, ILogger<DurableHub> logger) : TableHub(tables, payload)
{
    protected override async ValueTask<bool> BeforeBroadcastAsync(BareTable table, long version, string commandId, JsonElement command)
    {
        var type = command.ValueKind == JsonValueKind.Object && command.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : "command";
        try
        {
            await log.AppendAsync(table.Name, version, type, commandId, command.GetRawText());
            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException error)
        {
            logger.LogWarning(error, "append to {Table} at {Version} failed", table.Name, version);
            return false;
        }
    }
}

/// <summary>The bytes of the broadcast message: a view and a summary of the product's size (from a captured PlayerUpdate, or made up).</summary>
public sealed class BarePayload(byte[] view, byte[] summary)
{
    public byte[] View { get; } = view;

    public byte[] Summary { get; } = summary;

    public int Bytes => View.Length + Summary.Length + 60;

    public static BarePayload Load(string? path, int bytes)
    {
        if (!string.IsNullOrEmpty(path))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return new BarePayload(
                Encoding.UTF8.GetBytes(document.RootElement.GetProperty("view").GetRawText()),
                Encoding.UTF8.GetBytes(document.RootElement.GetProperty("summary").GetRawText()));
        }

        // A view the load tool's bot can read (a playing table with nothing to do), padded to size.
        var head = "{\"scenario\":\"bare\",\"version\":0,\"flow\":{\"stage\":\"playing\",\"round\":1,\"phase\":0,\"paused\":false},\"role\":null,\"actions\":[],\"proposals\":[],\"ballot\":null,\"dilemma\":null,\"filler\":\"";
        var filler = new string('x', Math.Max(0, bytes - head.Length - 120));
        return new BarePayload(Encoding.UTF8.GetBytes(head + filler + "\"}"), Encoding.UTF8.GetBytes("{\"round\":1,\"headlines\":[]}"));
    }
}

/// <summary>One broadcast: the group's name and version around the fixed payload.</summary>
public sealed record BareUpdate(string SessionId, long Version, BarePayload Payload);

/// <summary>Writes the payload as it is (no re-serialisation): the cheapest a SignalR JSON send can be.</summary>
public sealed class BareUpdateConverter : JsonConverter<BareUpdate>
{
    public override BareUpdate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, BareUpdate value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("sessionId", value.SessionId);
        writer.WriteNumber("version", value.Version);
        writer.WritePropertyName("view");
        writer.WriteRawValue(value.Payload.View, skipInputValidation: true);
        writer.WritePropertyName("summary");
        writer.WriteRawValue(value.Payload.Summary, skipInputValidation: true);
        writer.WriteEndObject();
    }
}
