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
}
