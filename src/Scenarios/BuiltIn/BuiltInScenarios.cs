using System.Collections.Immutable;
using System.Reflection;

namespace RegioLab.Sim.Scenarios.BuiltIn;

/// <summary>The scenarios shipped inside this assembly.</summary>
public static class BuiltInScenarios
{
    private const string Prefix = "RegioLab.Sim.Scenarios.BuiltIn.";

    /// <summary>The ids of the built-in scenarios.</summary>
    public static readonly ImmutableArray<string> Ids = ["energiecooperatie", "buurthuis", "stadstuin"];

    /// <summary>The YAML text of a built-in scenario, or null when there is none with that id.</summary>
    public static string? ReadText(string id)
    {
        if (!Ids.Contains(id))
        {
            return null;
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"{Prefix}{id}.yaml");
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
