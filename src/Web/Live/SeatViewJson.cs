using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// Writes seat views field by field, as the hubs' JSON writes a <see cref="SeatView"/>: the fields of
/// the table's <see cref="RoomView"/> (the public part of every seat's view) once per push for all its
/// seats, the rest per seat. A view is
/// kept as the JSON of each field, so the next push to the same page sends only the fields whose JSON
/// differs (<see cref="ViewJson"/>; docs/protocol.md, "Update").
/// </summary>
public sealed class SeatViewJson
{
    // One buffer and writer per thread: pushes of several tables run at once.
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? scratch;

    private readonly JsonWriterOptions writing;
    private readonly JsonPropertyInfo[] fields;
    private readonly JsonTypeInfo[] fieldTypes;
    private readonly JsonPropertyInfo[] sharedFields;
    private readonly JsonTypeInfo[] sharedTypes;

    // For each field of the seat view, the index of the shared field it is (-1: the seat's own).
    private readonly int[] shared;

    public SeatViewJson(JsonSerializerOptions options)
    {
        if (!options.IsReadOnly)
        {
            // As the serializer does on first use.
            options.MakeReadOnly(populateMissingResolver: true);
        }

        writing = new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true };
        fields = [.. options.GetTypeInfo(typeof(SeatView)).Properties.Where(p => p.Get is not null)];
        fieldTypes = [.. fields.Select(f => options.GetTypeInfo(f.PropertyType))];
        sharedFields = [.. options.GetTypeInfo(typeof(RoomView)).Properties.Where(p => p.Get is not null)];
        sharedTypes = [.. sharedFields.Select(f => options.GetTypeInfo(f.PropertyType))];
        shared = [.. fields.Select(f => Array.FindIndex(sharedFields, s => s.Name == f.Name))];
        Names = [.. fields.Select(f => JsonEncodedText.Encode(f.Name))];
        var unmatched = sharedFields.Where(s => !fields.Any(f => f.Name == s.Name && f.PropertyType == s.PropertyType)).Select(s => s.Name).ToList();
        if (unmatched.Count > 0 || fields.Length > 64)
        {
            throw new InvalidOperationException($"RoomView's fields must be SeatView's (not: {string.Join(", ", unmatched)}), and at most 64 in all");
        }
    }

    /// <summary>The JSON names of the seat view's fields, in the order written.</summary>
    internal JsonEncodedText[] Names { get; }

    /// <summary>
    /// The JSON of each field of the room's view. A field whose JSON equals the one in <paramref name="before"/>
    /// (the previous push's) is that same array, so the views that hold it compare at once.
    /// </summary>
    public byte[][] Shared(RoomView view, byte[][]? before)
    {
        var json = new byte[sharedFields.Length][];
        for (var i = 0; i < json.Length; i++)
        {
            json[i] = Write(sharedFields[i], sharedTypes[i], view, before?[i]);
        }

        return json;
    }

    /// <summary>
    /// The JSON of each field of a seat's view: the shared fields from <paramref name="sharedJson"/>, the
    /// seat's own written here (as the array in <paramref name="before"/>, the seat's previous, when equal).
    /// </summary>
    public byte[][] Fields(SeatView view, byte[][] sharedJson, byte[][]? before)
    {
        var json = new byte[fields.Length][];
        for (var i = 0; i < json.Length; i++)
        {
            json[i] = shared[i] >= 0 ? sharedJson[shared[i]] : Write(fields[i], fieldTypes[i], view, before?[i]);
        }

        return json;
    }

    /// <summary>The view to send: every field (<paramref name="before"/> null), or those whose JSON differs from <paramref name="before"/>'s.</summary>
    public ViewJson Since(byte[][] now, byte[][]? before)
    {
        ulong changed = 0;
        for (var i = 0; i < now.Length; i++)
        {
            if (before is null || !(ReferenceEquals(now[i], before[i]) || now[i].AsSpan().SequenceEqual(before[i])))
            {
                changed |= 1UL << i;
            }
        }

        return new ViewJson(this, now, changed);
    }

    /// <summary>A field's JSON: <paramref name="same"/> itself when it is the same bytes, else a new array.</summary>
    private byte[] Write(JsonPropertyInfo field, JsonTypeInfo type, object view, byte[]? same)
    {
        var (buffer, writer) = scratch ??= (new ArrayBufferWriter<byte>(1024), new Utf8JsonWriter(Stream.Null, writing));
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, field.Get!(view), type);
        writer.Flush();
        return same is not null && buffer.WrittenSpan.SequenceEqual(same) ? same : buffer.WrittenSpan.ToArray();
    }
}

/// <summary>
/// A seat view on the wire: the JSON object of its fields, all of them or only those that changed
/// (absent: unchanged; a field that became null is written as null). Written from bytes made once.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class ViewJson
{
    private readonly SeatViewJson writer;
    private readonly byte[][] fields;
    private readonly ulong changed;

    internal ViewJson(SeatViewJson writer, byte[][] fields, ulong changed)
    {
        this.writer = writer;
        this.fields = fields;
        this.changed = changed;
    }

    /// <summary>How many fields this carries.</summary>
    public int Count => System.Numerics.BitOperations.PopCount(changed);

    private sealed class Converter : JsonConverter<ViewJson>
    {
        public override ViewJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("a view is written by the server only");

        public override void Write(Utf8JsonWriter writer, ViewJson value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            var names = value.writer.Names;
            for (var i = 0; i < value.fields.Length; i++)
            {
                if ((value.changed & (1UL << i)) != 0)
                {
                    writer.WritePropertyName(names[i]);
                    writer.WriteRawValue(value.fields[i], skipInputValidation: true);
                }
            }

            writer.WriteEndObject();
        }
    }
}
