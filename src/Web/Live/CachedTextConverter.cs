using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// Scenario texts are the same objects in every view of every push: their JSON ({"nl","en"}) is
/// made once per text and copied after. The JSON is unchanged; only the work is saved.
/// </summary>
public sealed class CachedTextConverter : JsonConverter<Text>
{
    private readonly ConditionalWeakTable<Text, byte[]> cache = [];

    public override Text Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a text is an object {\"nl\": …, \"en\": …}");
        }

        string? nl = null, en = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "nl", StringComparison.OrdinalIgnoreCase))
            {
                nl = reader.GetString();
            }
            else if (string.Equals(name, "en", StringComparison.OrdinalIgnoreCase))
            {
                en = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new Text(nl ?? string.Empty, en ?? string.Empty);
    }

    public override void Write(Utf8JsonWriter writer, Text value, JsonSerializerOptions options) =>
        writer.WriteRawValue(cache.GetValue(value, Encode), skipInputValidation: true);

    private static byte[] Encode(Text text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("nl", text.Nl);
            json.WriteString("en", text.En);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
