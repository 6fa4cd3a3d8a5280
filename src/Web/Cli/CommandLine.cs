namespace RegioLab.Sim.Web.Cli;

/// <summary>The command-line verbs the web host also answers (validate, simulate, balance, help).</summary>
internal static class CommandLine
{
    public const int UsageExit = 2;

    /// <summary>Every verb's usage; <c>help</c>, <c>--help</c> and <c>-h</c> print it (and so does <c>VERB --help</c>).</summary>
    public const string Usage = """
        usage: dotnet run --project src/Web -- [VERB ...]   (the built program: RegioLab.Sim.Web [VERB ...])

          (no verb)
              start the web host with its own Orleans silo and print the address to open;
              settings as in the README's Configuration table, e.g. --Web:PublicUrl=http://192.168.1.20:5000
          validate FILE...
              check scenario files: one line FILE:LINE:COL: error|warning CODE: message per problem and
              FILE: valid, N warnings for each file that loads; exit 0 when all are valid, 1 when not
          simulate --scenario ID|FILE --players N --seed S [--bots random|greedy|cooperative] [--json]
              play a whole game with bots (default cooperative); the same arguments give byte-identical
              output; --json prints one JSON object; bad arguments exit 2
          balance --scenario ID|FILE [--games N] [--players N|all] [--seed S] [--json]
              play N games (default 200) per bot kind (random, greedy, cooperative) and player count
              (default all the scenario seats) and report balance: warnings first, then score
              distributions, cooperation premium, contribution shares, rotation, content use and
              metric curves; the same arguments give the same report; --json prints one JSON object
          backup --to PATH [--from data/regiolab.db]
              copy the SQLite store, also while the server runs
          restore --from BACKUP [--to data/regiolab.db]
              put a backup back, with the server stopped; the target must not exist
          help, --help, -h
              print this text
        """;

    private static readonly string[] HelpWords = ["help", "--help", "-h"];

    /// <summary>Runs a verb when the first argument names one; null when the host should start instead.</summary>
    public static int? TryRun(string[] args, TextWriter output, TextWriter error)
    {
        var verb = args.FirstOrDefault();
        if ((verb is not null && HelpWords.Contains(verb)) || (verb is "validate" or "simulate" or "balance" && args.Skip(1).Any(a => a is "--help" or "-h")))
        {
            output.WriteLine(Usage);
            return 0;
        }

        return verb switch
        {
            "validate" => Guard(() => ValidateCommand.Run(args[1..], output, error), error),
            "simulate" => Guard(() => SimulateCommand.Run(args[1..], output, error), error),
            "balance" => Guard(() => BalanceCommand.Run(args[1..], output, error), error),
            "backup" => Guard(() => BackupCommand.Run(args[1..], output, error), error),
            "restore" => Guard(() => BackupCommand.Restore(args[1..], output, error), error),
            _ => null,
        };
    }

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
