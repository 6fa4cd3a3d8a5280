using System.Globalization;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Web.Cli;

/// <summary>
/// <c>backup --to PATH [--from data/regiolab.db]</c>: a consistent copy of the SQLite store, also while the
/// server runs and writes to it (docs/operations.md says how to restore it). PostgreSQL has pg_dump.
/// </summary>
internal static class BackupCommand
{
    private const string DefaultFrom = "data/regiolab.db";

    private const string Usage = "usage: backup --to PATH [--from data/regiolab.db]   (copy the SQLite store, also while the server runs)";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? to = null;
        var from = DefaultFrom;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--to" when value is not null:
                    to = value;
                    i++;
                    break;
                case "--from" when value is not null:
                    from = value;
                    i++;
                    break;
                default:
                    error.WriteLine($"backup: unexpected '{args[i]}'");
                    error.WriteLine(Usage);
                    return CommandLine.UsageExit;
            }
        }

        if (string.IsNullOrWhiteSpace(to))
        {
            error.WriteLine(Usage);
            return CommandLine.UsageExit;
        }

        BackupReport report;
        try
        {
            report = SqliteBackup.Copy(from, to);
        }
        catch (IOException e)
        {
            error.WriteLine($"backup: {e.Message}");
            return 1;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backed up {report.From} to {report.To}: {report.Events} events of {report.Sessions} tables, {report.Documents} documents, schema version {report.SchemaVersion}, {report.Bytes} bytes; integrity ok"));
        return 0;
    }
}
