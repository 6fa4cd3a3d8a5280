using System.Text.Json.Nodes;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Scenarios.Format;

/// <summary>The scenario file as plain data, for tools that speak JSON (schema checks, editors).</summary>
public static class ScenarioYaml
{
    /// <summary>The YAML text as JSON, or null with diagnostics when it is not readable YAML.</summary>
    public static JsonNode? ToJson(string yaml, string file, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var found = new List<Diagnostic>();
        var node = YamlDocumentReader.Read(yaml, file, found);
        diagnostics = found;
        return node?.ToJson();
    }
}
