using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Format;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>schemas/scenario.schema.json against the built-in scenarios, the documented example and the loader's key table.</summary>
public sealed class SchemaTests
{
    private const string SchemaPath = "schemas/scenario.schema.json";
    private const string FormatDocPath = "docs/scenario-format.md";
    private const string ExampleHeading = "## A complete example";

    private const string MinimalScenario = """
        id: minimal
        title: { nl: Minimaal, en: Minimal }
        summary: { nl: Een kleine test., en: A small test. }
        players: { min: 2, max: 2 }
        metrics:
          - { id: trust, label: { nl: Vertrouwen, en: Trust }, min: 0, max: 100, start: 50 }
        roles:
          - { id: alderman, name: { nl: Wethouder, en: Alderman }, description: { nl: D, en: D }, brief: { nl: B, en: B } }
          - { id: resident, name: { nl: Bewoner, en: Resident }, description: { nl: D, en: D }, brief: { nl: B, en: B } }
        rounds:
          count: 2
          phases:
            - { id: talk, label: { nl: Praten, en: Talk }, duration: 4m }
        actions:
          - id: listen
            role: alderman
            phases: [talk]
            label: { nl: Luisteren, en: Listen }
            description: { nl: Luister naar de buurt., en: Listen to the neighbourhood. }
            effects: { trust: 5 }
        """;

    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    public static TheoryData<string> BuiltInIds => new(BuiltInScenarios.Ids);

    [Theory]
    [MemberData(nameof(BuiltInIds))]
    public void Every_built_in_scenario_validates_against_the_schema(string id)
    {
        var yaml = BuiltInScenarios.ReadText(id);
        Assert.True(yaml is not null, $"The built-in scenario '{id}' has no embedded YAML (src/Scenarios/BuiltIn/{id}.yaml).");

        AssertValid(yaml, BuiltInScenarios.FileName(id));
    }

    [Fact]
    public void The_complete_example_in_the_format_doc_validates_against_the_schema()
    {
        var yaml = ReadCompleteExample();

        AssertValid(yaml, $"{FormatDocPath} ({ExampleHeading})");
    }

    [Fact]
    public void Every_shape_of_the_loader_has_a_schema_definition_with_the_same_keys()
    {
        var defs = SchemaDefs();
        var problems = new List<string>();

        foreach (var (name, shape) in ScenarioShapes.ByName.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (defs[name] is not JsonObject def)
            {
                problems.Add($"$defs/{name}: missing (the loader has a shape '{name}')");
                continue;
            }

            if (def["type"]?.ToJsonString() != "\"object\"")
            {
                problems.Add($"$defs/{name}: type is not \"object\"");
            }

            var required = StringArray(def["required"]);
            CompareKeys(problems, $"$defs/{name}/required", required, shape.Required);

            var properties = (def["properties"] as JsonObject)?.Select(p => p.Key) ?? [];
            CompareKeys(problems, $"$defs/{name}/properties", properties, shape.All);

            if (def["additionalProperties"] is not JsonValue additional
                || additional.GetValueKind() != JsonValueKind.False)
            {
                problems.Add($"$defs/{name}: additionalProperties is not false");
            }
        }

        Assert.True(problems.Count == 0, "The schema and ScenarioShapes disagree:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Every_object_definition_in_the_schema_is_a_shape_of_the_loader()
    {
        var defs = SchemaDefs();

        var objectDefs = defs
            .Where(d => d.Value is JsonObject def && (def["type"]?.ToJsonString() == "\"object\"" || def["properties"] is not null))
            .Select(d => d.Key)
            .ToList();

        var withoutShape = objectDefs.Where(name => !ScenarioShapes.ByName.ContainsKey(name)).ToList();
        Assert.True(
            withoutShape.Count == 0,
            "These $defs describe mappings the loader has no shape for (add them to ScenarioShapes or remove them): "
            + string.Join(", ", withoutShape));
    }

    [Fact]
    public void The_schema_root_refers_to_the_scenario_definition()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(DocExample.RepositoryRoot(), SchemaPath)))!;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root["$schema"]?.GetValue<string>());
        Assert.Equal("#/$defs/scenario", root["$ref"]?.GetValue<string>());
    }

    [Fact]
    public void A_minimal_scenario_validates_against_the_schema()
    {
        AssertValid(MinimalScenario, "minimal.yaml");
    }

    [Fact]
    public void A_scenario_without_roles_is_invalid()
    {
        var yaml = RemoveTopLevelKey(MinimalScenario, "roles");

        var results = Evaluate(yaml, "no-roles.yaml");

        Assert.False(results.IsValid, "A scenario without 'roles' passed the schema.");
        Assert.Contains(Errors(results), e => e.Message.Contains("roles", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scenario_with_an_unknown_key_is_invalid()
    {
        var yaml = MinimalScenario.Replace("\nroles:", "\nrols:", StringComparison.Ordinal);
        Assert.NotEqual(MinimalScenario, yaml);

        var results = Evaluate(yaml, "rols.yaml");

        Assert.False(results.IsValid, "A scenario with the unknown key 'rols' passed the schema.");
        Assert.Contains(Errors(results), e => e.Location == "/rols");
    }

    [Fact]
    public void A_dilemma_when_without_any_key_is_invalid()
    {
        var yaml = MinimalScenario + """

            dilemmas:
              - id: storm
                title: { nl: Storm, en: Storm }
                text: { nl: Er komt een storm., en: A storm is coming. }
                when: {}
                decided_by: vote
                options:
                  - { id: wait, label: { nl: Wachten, en: Wait }, effects: { trust: -5 } }
                  - { id: act, label: { nl: Handelen, en: Act }, effects: { trust: 5 } }
            """;

        var results = Evaluate(yaml, "empty-when.yaml");

        Assert.False(results.IsValid, "A dilemma with an empty 'when' passed the schema.");
        Assert.Contains(Errors(results), e => e.Location == "/dilemmas/0/when");
    }

    private static void AssertValid(string yaml, string file)
    {
        var results = Evaluate(yaml, file);
        if (results.IsValid)
        {
            return;
        }

        var message = new StringBuilder($"{file} does not validate against {SchemaPath}:");
        foreach (var error in Errors(results))
        {
            message.Append('\n').Append("  ").Append(error.Location.Length == 0 ? "/" : error.Location)
                .Append(": ").Append(error.Message).Append("  (schema ").Append(error.SchemaPath).Append(')');
        }

        Assert.Fail(message.ToString());
    }

    private static EvaluationResults Evaluate(string yaml, string file)
    {
        var json = ScenarioYaml.ToJson(yaml, file, out var diagnostics);
        Assert.True(json is not null, $"{file} is not readable YAML:\n" + string.Join('\n', diagnostics));

        var instance = JsonSerializer.SerializeToElement(json);
        return Schema.Value.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
    }

    private sealed record SchemaError(string Location, string SchemaPath, string Message);

    /// <summary>
    /// The errors that make a hierarchical result invalid: only failing nodes under failing nodes are followed, so the
    /// losing branch of a passing anyOf/oneOf stays silent; an "if" that does not match is not an error either.
    /// </summary>
    private static List<SchemaError> Errors(EvaluationResults results)
    {
        var found = new List<SchemaError>();
        Collect(results);
        return found;

        void Collect(EvaluationResults node)
        {
            if (node.IsValid)
            {
                return;
            }

            var path = node.EvaluationPath.ToString();
            foreach (var (keyword, message) in node.Errors ?? [])
            {
                // additionalProperties: false reports the key as failing "the false schema"; say what that means.
                var text = keyword.Length == 0 && path.EndsWith("/additionalProperties", StringComparison.Ordinal)
                    ? "unknown key (additionalProperties: false)"
                    : keyword.Length == 0 ? message : $"{keyword}: {message}";
                found.Add(new SchemaError(node.InstanceLocation.ToString(), path, text));
            }

            foreach (var child in node.Details ?? [])
            {
                if (!child.EvaluationPath.ToString().EndsWith("/if", StringComparison.Ordinal))
                {
                    Collect(child);
                }
            }
        }
    }

    private static string ReadCompleteExample() => DocExample.Yaml();

    private static JsonObject SchemaDefs()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(DocExample.RepositoryRoot(), SchemaPath)));
        var defs = root?["$defs"] as JsonObject;
        Assert.True(defs is not null, $"{SchemaPath} has no $defs object.");
        return defs;
    }

    private static IEnumerable<string> StringArray(JsonNode? node) =>
        node is JsonArray array ? array.Select(i => i!.GetValue<string>()) : [];

    private static void CompareKeys(List<string> problems, string where, IEnumerable<string> schemaKeys, IEnumerable<string> shapeKeys)
    {
        var inSchema = schemaKeys.ToHashSet(StringComparer.Ordinal);
        var inShape = shapeKeys.ToHashSet(StringComparer.Ordinal);

        var onlySchema = inSchema.Except(inShape).Order(StringComparer.Ordinal).ToList();
        var onlyShape = inShape.Except(inSchema).Order(StringComparer.Ordinal).ToList();

        if (onlySchema.Count > 0)
        {
            problems.Add($"{where}: only in the schema: {string.Join(", ", onlySchema)}");
        }

        if (onlyShape.Count > 0)
        {
            problems.Add($"{where}: only in ScenarioShapes: {string.Join(", ", onlyShape)}");
        }
    }

    private static string RemoveTopLevelKey(string yaml, string key)
    {
        var kept = new List<string>();
        var skipping = false;
        foreach (var line in yaml.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                skipping = line.StartsWith(key + ":", StringComparison.Ordinal);
            }

            if (!skipping)
            {
                kept.Add(line);
            }
        }

        var result = string.Join('\n', kept);
        Assert.NotEqual(yaml, result);
        return result;
    }

    private static JsonSchema LoadSchema()
    {
        var path = Path.Combine(DocExample.RepositoryRoot(), SchemaPath);
        Assert.True(File.Exists(path), $"{SchemaPath} is missing.");

        // A registry of its own, so loading the schema again (another test run in the same process) cannot clash on its $id.
        return JsonSchema.FromText(File.ReadAllText(path), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}
