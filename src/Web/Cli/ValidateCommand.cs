using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Web.Cli;

/// <summary><c>validate FILE...</c>: one compiler-style line per problem; exit 0 when every file is valid.</summary>
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

            failed |= !result.Succeeded;
        }

        return failed ? 1 : 0;
    }
}
