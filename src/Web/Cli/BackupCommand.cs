using System.Globalization;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Web.Cli;

/// <summary>
/// <c>backup --to PATH [--from data/regiolab.db]</c>: a consistent copy of the SQLite store, also while the
/// server runs and writes to it. <c>restore --from BACKUP [--to data/regiolab.db]</c>: the copy put back
/// in place, with the server stopped (docs/operations.md). PostgreSQL has pg_dump and pg_restore.
/// </summary>
internal static class BackupCommand
{
    private const string StoreFile = "data/regiolab.db";

    private const string BackupUsage = "usage: backup --to PATH [--from data/regiolab.db]   (copy the SQLite store, also while the server runs)";

    private const string RestoreUsage = "usage: restore --from BACKUP [--to data/regiolab.db]   (with the server stopped; the target must not exist)";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error) => Run(restore: false, args, output, error);

    public static int Restore(IReadOnlyList<string> args, TextWriter output, TextWriter error) => Run(restore: true, args, output, error);

    private static int Run(bool restore, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var verb = restore ? "restore" : "backup";
        var usage = restore ? RestoreUsage : BackupUsage;
        string? to = restore ? StoreFile : null;
        string? from = restore ? null : StoreFile;
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
                    error.WriteLine($"{verb}: unexpected '{args[i]}'");
                    error.WriteLine(usage);
                    return CommandLine.UsageExit;
            }
        }

        if (string.IsNullOrWhiteSpace(to) || string.IsNullOrWhiteSpace(from))
        {
            error.WriteLine(usage);
            return CommandLine.UsageExit;
        }

        BackupReport report;
        try
        {
            report = restore ? SqliteBackup.Restore(from, to) : SqliteBackup.Copy(from, to);
        }
        catch (IOException e)
        {
            error.WriteLine($"{verb}: {e.Message}");
            return 1;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(restore ? "restored" : "backed up")} {report.From} to {report.To}: {report.Events} events of {report.Sessions} tables, {report.Documents} documents, schema version {report.SchemaVersion}, {report.Bytes} bytes; integrity ok"));
        return 0;
    }
}
