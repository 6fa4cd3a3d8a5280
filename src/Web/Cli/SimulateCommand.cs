namespace RegioLab.Sim.Web.Cli;

internal static class SimulateCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        error.WriteLine("simulate: not built yet");
        return CommandLine.UsageExit;
    }
}
