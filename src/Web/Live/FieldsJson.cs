using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// Writes a view (a record the hubs send) field by field, as the hubs' JSON writes it whole, and keeps
/// it as the JSON of each field, so the next push to the same room sends only the fields whose JSON
/// differs (<see cref="ViewJson"/>; docs/protocol.md, "Update" and "Table"). Seat views
/// (<see cref="Seats"/>): the fields of the table's <see cref="RoomView"/> (the public part of every
/// seat's view) are written once per push for all its seats, the rest per seat. The console's table
/// (<see cref="Console"/>): its identity, version, base and summary are in every message.
/// </summary>
public sealed class FieldsJson
{
    // One buffer and writer per thread: pushes of several tables run at once.
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? scratch;

    private readonly JsonWriterOptions writing;
    private readonly JsonPropertyInfo[] fields;
    private readonly JsonTypeInfo[] fieldTypes;
    private readonly JsonPropertyInfo[] sharedFields;
    private readonly JsonTypeInfo[] sharedTypes;

    // For each field of the view, the index of the shared field it is (-1: the view's own).
    private readonly int[] shared;

    // The fields sent in every message, changed or not.
    private readonly ulong always;

    // For each own field whose value is an immutable object of the table's state, its JSON by that object (else null).
    private readonly ConditionalWeakTable<object, byte[]>?[] byObject;

    /// <summary>
    /// The writer of <paramref name="type"/>'s fields; those of <paramref name="sharedType"/> (same names and
    /// types) are written once for several views; the fields named <paramref name="always"/> (as in C#) go in every
    /// message. The fields named <paramref name="immutable"/> hold immutable objects that a view passes on from the
    /// table's state, unchanged from one push to the next until the state changes them: each is written once, and
    /// its JSON kept for as long as the object lives.
    /// </summary>
    public FieldsJson(JsonSerializerOptions options, Type type, Type? sharedType = null, string[]? always = null, string[]? immutable = null)
    {
        if (!options.IsReadOnly)
        {
            // As the serializer does on first use.
            options.MakeReadOnly(populateMissingResolver: true);
        }

        // Escaped as SignalR's writer escapes the rest of the message; the hub options name no encoder (HubJsonContext.Use).
        writing = new JsonWriterOptions { Encoder = options.Encoder ?? JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
        fields = [.. options.GetTypeInfo(type).Properties.Where(p => p.Get is not null)];
        fieldTypes = [.. fields.Select(f => options.GetTypeInfo(f.PropertyType))];
        sharedFields = sharedType is null ? [] : [.. options.GetTypeInfo(sharedType).Properties.Where(p => p.Get is not null)];
        sharedTypes = [.. sharedFields.Select(f => options.GetTypeInfo(f.PropertyType))];
        shared = [.. fields.Select(f => Array.FindIndex(sharedFields, s => s.Name == f.Name))];
        Names = [.. fields.Select(f => JsonEncodedText.Encode(f.Name))];
        var alwaysNames = JsonNames(always);
        var immutableNames = JsonNames(immutable);
        byObject = new ConditionalWeakTable<object, byte[]>?[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            this.always |= alwaysNames.Contains(fields[i].Name) ? 1UL << i : 0;
            byObject[i] = immutableNames.Contains(fields[i].Name) && !fields[i].PropertyType.IsValueType ? new() : null;
        }

        var unmatched = sharedFields.Where(s => !fields.Any(f => f.Name == s.Name && f.PropertyType == s.PropertyType)).Select(s => s.Name)
            .Concat(alwaysNames.Concat(immutableNames).Where(a => !fields.Any(f => f.Name == a && !(immutableNames.Contains(a) && f.PropertyType.IsValueType)))).ToList();
        if (unmatched.Count > 0 || fields.Length > 64)
        {
            throw new InvalidOperationException(
                $"{sharedType?.Name}'s fields, those always sent and the immutable ones (objects) must be {type.Name}'s (not: {string.Join(", ", unmatched)}), and at most 64 in all");
        }

        List<string> JsonNames(string[]? names) => [.. (names ?? []).Select(a => options.PropertyNamingPolicy?.ConvertName(a) ?? a)];
    }

    /// <summary>The seat views' writer: <see cref="SeatView"/>, its <see cref="RoomView"/> part shared by the seats of a table.</summary>
    public static FieldsJson Seats(JsonSerializerOptions options) => new(options, typeof(SeatView), typeof(RoomView));

    /// <summary>
    /// The console's writer: <see cref="FacilitatorTable"/>, with its session, table, version, base and summary always sent.
    /// Its fields passed on from the table's state as they are (Visibility.ForFacilitator) are written once per object.
    /// </summary>
    public static FieldsJson Console(JsonSerializerOptions options) =>
        new(options, typeof(FacilitatorTable), null,
            always: [nameof(FacilitatorTable.SessionId), nameof(FacilitatorTable.Table), nameof(FacilitatorTable.Version), nameof(FacilitatorTable.After), nameof(FacilitatorTable.Summary)],
            immutable: [nameof(FacilitatorTable.Resources), nameof(FacilitatorTable.Proposals), nameof(FacilitatorTable.Ballot), nameof(FacilitatorTable.SwapRequests),
                nameof(FacilitatorTable.Reflections), nameof(FacilitatorTable.PinnedNotes), nameof(FacilitatorTable.Injects), nameof(FacilitatorTable.Messages), nameof(FacilitatorTable.Notes)]);

    /// <summary>The JSON names of the view's fields, in the order written.</summary>
    internal JsonEncodedText[] Names { get; }

    /// <summary>
    /// The JSON of each shared field (of the room's view). A field whose JSON equals the one in <paramref name="before"/>
    /// (the previous push's) is that same array, so the views that hold it compare at once.
    /// </summary>
    public byte[][] Shared(RoomView view, byte[][]? before)
    {
        var json = new byte[sharedFields.Length][];
        for (var i = 0; i < json.Length; i++)
        {
            json[i] = Write(sharedFields[i], sharedTypes[i], view, before?[i], null);
        }

        return json;
    }

    /// <summary>
    /// The JSON of each field of a view: the shared fields from <paramref name="sharedJson"/>, the view's
    /// own written here (as the array in <paramref name="before"/>, the room's previous, when equal).
    /// </summary>
    public byte[][] Fields(object view, byte[][]? sharedJson, byte[][]? before)
    {
        var json = new byte[fields.Length][];
        for (var i = 0; i < json.Length; i++)
        {
            json[i] = shared[i] >= 0 ? sharedJson![shared[i]] : Write(fields[i], fieldTypes[i], view, before?[i], byObject[i]);
        }

        return json;
    }

    /// <summary>
    /// The view to send: every field (<paramref name="before"/> null), or those whose JSON differs from
    /// <paramref name="before"/>'s and those always sent.
    /// </summary>
    public ViewJson Since(byte[][] now, byte[][]? before)
    {
        var changed = before is null ? 0UL : always;
        for (var i = 0; i < now.Length; i++)
        {
            if (before is null || (changed & (1UL << i)) != 0 || !(ReferenceEquals(now[i], before[i]) || now[i].AsSpan().SequenceEqual(before[i])))
            {
                changed |= 1UL << i;
            }
        }

        return new ViewJson(this, now, changed);
    }

    /// <summary>
    /// A field's JSON: <paramref name="same"/> itself when it is the same bytes, else a new array; or, for a
    /// field in <paramref name="byObject"/>, the JSON kept of its object (written and kept the first time).
    /// </summary>
    private byte[] Write(JsonPropertyInfo field, JsonTypeInfo type, object view, byte[]? same, ConditionalWeakTable<object, byte[]>? byObject)
    {
        var value = field.Get!(view);
        if (byObject is not null && value is not null && byObject.TryGetValue(value, out var kept))
        {
            return kept;
        }

        var (buffer, writer) = scratch ??= (new ArrayBufferWriter<byte>(1024), new Utf8JsonWriter(Stream.Null, writing));
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, type);
        writer.Flush();
        var json = same is not null && buffer.WrittenSpan.SequenceEqual(same) ? same : buffer.WrittenSpan.ToArray();
        if (byObject is not null && value is not null)
        {
            byObject.AddOrUpdate(value, json);
        }

        return json;
    }
}

/// <summary>
/// A view on the wire (a seat's, the console's table): the JSON object of its fields, all of them or only those that changed
/// (absent: unchanged; a field that became null is written as null). Written from bytes made once.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed class ViewJson
{
    private readonly FieldsJson writer;
    private readonly byte[][] fields;
    private readonly ulong changed;

    internal ViewJson(FieldsJson writer, byte[][] fields, ulong changed)
    {
        this.writer = writer;
        this.fields = fields;
        this.changed = changed;
    }

    /// <summary>How many fields this carries.</summary>
    public int Count => System.Numerics.BitOperations.PopCount(changed);

    internal sealed class Converter : JsonConverter<ViewJson>
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
