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
/// broadcasts the one message to the group.
/// </summary>
public sealed class BareHub(BareTables tables, BarePayload payload) : Hub
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
            var version = ++table.Version;
            await Clients.Group(table.Name).SendAsync("Update", new BareUpdate(table.Name, version, payload));
            return new BareAck(true, version, null, null, false);
        }
        finally
        {
            table.Gate.Release();
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
