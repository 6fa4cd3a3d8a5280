using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Web.Cli;

/// <summary>A verb's arguments read as <c>--flag value</c> pairs and bare switches (<c>--json</c>); the verb checks the values.</summary>
internal sealed class Flags
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> switches = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="args"/>; null with the problem in one sentence when a flag is unknown or lacks its value.</summary>
    public static Flags? Read(IReadOnlyList<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> bare, out string? problem)
    {
        var flags = new Flags();
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (bare.Contains(flag))
            {
                flags.switches.Add(flag);
                continue;
            }

            if (!valued.Contains(flag))
            {
                problem = $"unknown argument '{flag}'";
                return null;
            }

            if (i + 1 >= args.Count)
            {
                problem = $"{flag} needs a value";
                return null;
            }

            flags.values[flag] = args[++i];
        }

        return flags;
    }

    public string? this[string flag] => values.GetValueOrDefault(flag);

    public bool Has(string flag) => switches.Contains(flag);

    /// <summary>Writes a verb's usage problem ("balance: …" and its usage line); the usage exit code.</summary>
    public static int Refuse(string verb, string problem, string usage, TextWriter error)
    {
        error.WriteLine($"{verb}: {problem}");
        error.WriteLine(usage);
        return CommandLine.UsageExit;
    }

    /// <summary>The scenario that <c>--scenario ID|FILE</c> names, or null after its diagnostics were written.</summary>
    public static Scenario? LoadScenario(string idOrFile, TextWriter error)
    {
        var loaded = ScenarioLoader.LoadByIdOrFile(idOrFile);
        if (loaded.Scenario is null)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                error.WriteLine(diagnostic);
            }
        }

        return loaded.Scenario;
    }
}
