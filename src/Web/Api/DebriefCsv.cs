using System.Globalization;
using CsvHelper;
using RegioLab.Sim.Scenarios.Replay;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// The debrief's tables as CSV (UTF-8 with a byte-order mark so Excel reads the accents, a header row,
/// RFC 4180 quoting by CsvHelper, and a cell that starts with =, +, -, @, a tab or a return escaped
/// with a leading apostrophe so no spreadsheet runs it as a formula). Columns: docs/export.md.
/// </summary>
public static class DebriefCsv
{
    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        TrueValue = "true",
        FalseValue = "false",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Each file of the zip and how it is written from every table's replay.</summary>
    public static readonly IReadOnlyList<(string Name, Action<Stream, TableRules, IReadOnlyList<(int Table, TableReplay Replay)>> Write)> Files =
    [
        ("events.csv", Events),
        ("decisions.csv", Decisions),
        ("metrics.csv", Metrics),
        ("roles.csv", Roles),
        ("points.csv", Points),
        ("reflections.csv", Reflections),
        ("handover_notes.csv", HandoverNotes),
        ("observer_notes.csv", ObserverNotes),
    ];

    private static void Events(Stream output, TableRules rules, IReadOnlyList<(int Table, TableReplay Replay)> tables) =>
        Write(output, ["table", "version", "recorded_at", "kind", "round", "stage", "phase", "seat", "name", "role", "metric_changes", "resource_changes"],
            tables.SelectMany(t => t.Replay.Timeline.Select(m => new object?[]
            {
                t.Table, m.Version, Time(t.Replay, m.Version), m.Kind, m.Round, Snake(m.Stage.ToString()), m.Phase, m.Seat, Name(t.Replay, m.Seat), m.Role,
                Changes(m.Metrics), Changes(m.Resources),
            })));

    private static void Decisions(Stream output, TableRules rules, IReadOnlyList<(int Table, TableReplay Replay)> tables) =>
        Write(output, ["table", "version", "round", "kind", "seat", "name", "role", "subject", "to_role", "outcome", "count", "note"],
            tables.SelectMany(t =>
            {
                var r = t.Replay;
                var actions = r.Timeline.Where(m => m.Kind == "action_taken").Select(m => new object?[]
                {
                    t.Table, m.Version, m.Round, "action", m.Seat, Name(r, m.Seat), m.Role, Subject(r, m.Version), null, "done", null, null,
                });
                var proposals = r.Proposals.Select(p => new object?[]
                {
                    t.Table, p.Version, p.Round, "proposal", p.Seat, Name(r, p.Seat), p.Role, p.Action, p.To,
                    p.Outcome is { } o ? Snake(o.ToString()) : "open", null,
                    string.Join(" | ", new[] { p.Note }.Concat(p.Answers.Select(a => a.Note)).Where(n => n.Length > 0)),
                });
                var ballots = r.Ballots.Select(b => new object?[]
                {
                    t.Table, b.Version, b.Round, b.Subject == BallotSubject.Action ? "vote" : "dilemma_vote", b.CalledBy, Name(r, b.CalledBy), b.CalledByRole, b.SubjectId, null,
                    b.ClosedAt is null ? "open" : b.Outcome ?? "not_carried",
                    b.Tally is null ? null : string.Join("; ", b.Tally.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}={x.Value}")), null,
                });
                var dilemmas = r.Dilemmas.Select(d => new object?[]
                {
                    t.Table, d.Version, d.Round, "dilemma", d.Seat, Name(r, d.Seat), d.Role, d.Dilemma, null, d.Option ?? "open", d.DecidedBy, d.Injected ? "injected" : null,
                });
                return actions.Concat(proposals).Concat(ballots).Concat(dilemmas).OrderBy(row => (int)row[0]!).ThenBy(row => (long)row[1]!);
            }));

    private static void Metrics(Stream output, TableRules rules, IReadOnlyList<(int Table, TableReplay Replay)> tables) =>
        Write(output, ["table", "version", "round", "phase", "end_of_round", "metric", "value"],
            tables.SelectMany(t => t.Replay.Series.SelectMany(p => p.Values.Select(v => new object?[]
            {
                t.Table, p.Version, p.Round, p.Phase ?? "start", p.EndOfRound, v.Key, v.Value,
            }))));

    private static void Roles(Stream output, TableRules rules, IReadOnlyList<(int Table, TableReplay Replay)> tables) =>
        Write(output, ["table", "seat", "name", "round", "role", "points"],
            tables.SelectMany(t => t.Replay.Seats.SelectMany(s => s.Rounds.Select(r => new object?[] { t.Table, s.Seat, s.Name, r.Round, r.Role, r.Points }))));

    private static void Points(Stream output, TableRules rules, IReadOnlyList<(int Table, TableReplay Replay)> tables) =>
        Write(output, ["table", "seat", "name", "round", "role", "goal", "points"],
            tables.SelectMany(t => t.Replay.Seats.SelectMany(s => s.Rounds.SelectMany(r => r.Goals.Select(goal => new object?[]
            {
                t.Table, s.Seat, s.Name, r.Round, r.Role, goal, r.Role is null ? 0 : rules.Scenario.Role(r.Role).Goals.First(g => g.Id == goal).Points,
            })))));

    private static void Reflections(Stream output, TableRules rules, IReadOnlyList<(int Table, TableReplay Replay)> tables) =>
        Write(output, ["table", "version", "round", "seat", "name", "role", "word", "text"],
            tables.SelectMany(t => t.Replay.Reflections.Select(x => new object?[] { t.Table, x.Version, x.Round, x.Seat, Name(t.Replay, x.Seat), x.Role, x.Word, x.Text })));

    private static void HandoverNotes(Stream output, TableRules rules, IReadOnlyList<(int Table, TableReplay Replay)> tables) =>
        Write(output, ["table", "version", "round", "seat", "name", "role", "text"],
            tables.SelectMany(t => t.Replay.HandoverNotes.Select(n => new object?[] { t.Table, n.Version, n.Round, n.Seat, Name(t.Replay, n.Seat), n.Role, n.Text })));

    private static void ObserverNotes(Stream output, TableRules rules, IReadOnlyList<(int Table, TableReplay Replay)> tables) =>
        Write(output, ["table", "version", "recorded_at", "author", "round", "stage", "phase", "text"],
            tables.SelectMany(t => t.Replay.PinnedNotes.Select(n => new object?[] { t.Table, n.Version, n.At, n.Author, n.Round, Snake(n.Stage.ToString()), n.Phase, n.Text })));

    private static void Write(Stream output, string[] header, IEnumerable<object?[]> rows)
    {
        using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteHeader(header);
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                // Numbers, times and booleans go in typed, so a negative number stays a number; only text is escaped.
                switch (cell)
                {
                    case null:
                        csv.WriteField(string.Empty);
                        break;
                    case double d:
                        csv.WriteField(Math.Round(d, 4));
                        break;
                    case DateTimeOffset t:
                        csv.WriteField(t, "yyyy-MM-ddTHH:mm:ssK");
                        break;
                    default:
                        csv.WriteField(cell);
                        break;
                }
            }

            csv.EndRecord();
        }

        csv.Flush();
    }

    private static DateTimeOffset Time(TableReplay replay, long version) => replay.Log[(int)version - 1].RecordedAt;

    private static string? Name(TableReplay replay, int? seat) =>
        seat is { } s && s >= 0 && s < replay.Final.Seats.Length ? replay.Final.Seats[s].Name : null;

    /// <summary>The action an <c>action_taken</c> event at a version was.</summary>
    private static string? Subject(TableReplay replay, long version) =>
        replay.Log[(int)version - 1].Event is ActionTaken a ? a.Action : null;

    private static string Changes(IEnumerable<Change> changes) =>
        string.Join("; ", changes.Select(c => $"{c.Target} {(c.Delta >= 0 ? "+" : "")}{c.Delta.ToString("0.####", CultureInfo.InvariantCulture)}"));

    private static string Snake(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
