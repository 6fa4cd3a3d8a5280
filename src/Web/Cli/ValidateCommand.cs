using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Web.Cli;

/// <summary><c>validate FILE...</c>: one compiler-style line per problem, one "valid" line per good file; exit 0 when every file is valid.</summary>
internal static class ValidateCommand
{
    public static int Run(IReadOnlyList<string> files, TextWriter output, TextWriter error)
    {
        if (files.Count == 0)
        {
            error.WriteLine("usage: validate FILE...   (check scenario files; exit 0 when all are valid)");
            return CommandLine.UsageExit;
        }

        var failed = false;
        foreach (var file in files)
        {
            var result = ScenarioLoader.LoadFile(file);
            foreach (var diagnostic in result.Diagnostics)
            {
                output.WriteLine(diagnostic);
            }

            if (result.Succeeded)
            {
                // Silence on success reads as "did it run?"; one line says it did, and how many warnings to look at.
                var warnings = result.Diagnostics.Count(d => d.Severity == Severity.Warning);
                output.WriteLine($"{file}: valid, {warnings} warning{(warnings == 1 ? "" : "s")}");
            }

            failed |= !result.Succeeded;
        }

        return failed ? 1 : 0;
    }
}
