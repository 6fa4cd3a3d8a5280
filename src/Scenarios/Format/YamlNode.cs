using System.Text.Json.Nodes;

namespace RegioLab.Sim.Scenarios.Format;

/// <summary>A node of a parsed YAML document with the 1-based position where it starts.</summary>
internal abstract record YamlNode(int Line, int Column)
{
    /// <summary>What a message calls this kind of node.</summary>
    public abstract string Kind { get; }

    /// <summary>The node as JSON, with YAML 1.2 core-schema typing of plain scalars.</summary>
    public abstract JsonNode? ToJson();
}

internal sealed record YamlScalar(string Value, bool Quoted, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => Quoted ? "a string" : ScalarKind(Value);

    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override JsonNode? ToJson()
    {
        if (Quoted)
        {
            return JsonValue.Create(Value);
        }

        if (IsNull)
        {
            return null;
        }

        if (ScalarSyntax.TryBool(Value, out var b))
        {
            return JsonValue.Create(b);
        }

        if (ScalarSyntax.TryInteger(Value, out var i))
        {
            return JsonValue.Create(i);
        }

        if (ScalarSyntax.TryNumber(Value, out var d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(Value);
    }

    private string ScalarKind(string value) =>
        IsNull ? "nothing (null)"
        : ScalarSyntax.TryBool(value, out _) ? "a true/false value"
        : ScalarSyntax.TryNumber(value, out _) ? "a number"
        : "a string";
}

internal sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a mapping";

    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    public override JsonNode ToJson()
    {
        var json = new JsonObject();
        foreach (var (key, value) in Entries)
        {
            json[key.Value] = value.ToJson();
        }

        return json;
    }
}

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a list";

    public override JsonNode ToJson() => new JsonArray(Items.Select(i => i.ToJson()).ToArray());
}
