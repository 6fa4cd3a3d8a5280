using System.Collections.Immutable;
using System.Reflection;
using RegioLab.Sim.Scenarios.Format;

namespace RegioLab.Sim.Scenarios.BuiltIn;

/// <summary>The scenarios shipped inside this assembly.</summary>
public static class BuiltInScenarios
{
    private const string Prefix = "RegioLab.Sim.Scenarios.BuiltIn.";

    /// <summary>The ids of the built-in scenarios.</summary>
    public static readonly ImmutableArray<string> Ids = ["energiecooperatie", "buurthuis", "stadstuin"];

    /// <summary>The YAML text of the current version of a built-in scenario, or null when there is none with that id.</summary>
    public static string? ReadText(string id) => Ids.Contains(id) ? Resource($"{Prefix}{id}.yaml") : null;

    /// <summary>
    /// The YAML text of one version of a built-in: the current one, or an earlier one kept in
    /// BuiltIn/previous/ (ID.vN.yaml) because tables may have played it — a version once shipped never
    /// changes, so their logs replay and play on under the rules they began with. Null when there is no such version.
    /// </summary>
    public static string? ReadText(string id, int version)
    {
        if (!Ids.Contains(id))
        {
            return null;
        }

        var current = ReadText(id);
        return current is not null && ScenarioSource.VersionOf(current) == version ? current : Resource($"{Prefix}previous.{id}.v{version}.yaml");
    }

    private static string? Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The name diagnostics use for a built-in file.</summary>
    public static string FileName(string id) => $"builtin:{id}.yaml";
}
