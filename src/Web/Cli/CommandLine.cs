namespace RegioLab.Sim.Web.Cli;

/// <summary>The command-line verbs the web host also answers (validate, simulate).</summary>
internal static class CommandLine
{
    public const int UsageExit = 2;

    /// <summary>Runs a verb when the first argument names one; null when the host should start instead.</summary>
    public static int? TryRun(string[] args, TextWriter output, TextWriter error) =>
        args.FirstOrDefault() switch
        {
            "validate" => Guard(() => ValidateCommand.Run(args[1..], output, error), error),
            "simulate" => Guard(() => SimulateCommand.Run(args[1..], output, error), error),
            "backup" => Guard(() => BackupCommand.Run(args[1..], output, error), error),
            "restore" => Guard(() => BackupCommand.Restore(args[1..], output, error), error),
            _ => null,
        };

    private static int Guard(Func<int> run, TextWriter error)
    {
        try
        {
            return run();
        }
        catch (Exception e)
        {
            // A verb must never end in a stack trace; say what broke in one line.
            error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            return 3;
        }
    }
}
