using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using RegioLab.Sim.Scenarios.Balance;

namespace RegioLab.Sim.Web.Cli;

/// <summary><c>balance --scenario ID|FILE [--games N] [--players N|all] [--seed S] [--json]</c>: the balance report of many bot games.</summary>
internal static class BalanceCommand
{
    public const int DefaultGames = 200;
    public const int MaxGames = 100_000;

    private const string Usage =
        "usage: balance --scenario ID|FILE [--games N] [--players N|all] [--seed S] [--json]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (Parse(args, out var options) is { } problem)
        {
            return Flags.Refuse("balance", problem, Usage, error);
        }

        if (Flags.LoadScenario(options.Scenario, error) is not { } scenario)
        {
            return 1;
        }

        ImmutableArray<int> players = options.Players is { } n ? [n] : [.. Enumerable.Range(scenario.Players.Min, scenario.Players.Max - scenario.Players.Min + 1)];
        if (players.Any(p => p < scenario.Players.Min || p > scenario.Players.Max))
        {
            return Flags.Refuse("balance", $"scenario '{scenario.Id}' seats {scenario.Players.Min} to {scenario.Players.Max} players, not {options.Players}", Usage, error);
        }

        var report = BalanceRun.Report(scenario, new BalanceSettings(options.Games, players, options.Seed));
        output.Write(options.Json ? BalanceJson.Serialize(report) + "\n" : Text(report));
        return 0;
    }

    private sealed record Options(string Scenario, int Games, int? Players, ulong Seed, bool Json);

    private static string? Parse(IReadOnlyList<string> args, out Options options)
    {
        options = new Options("", DefaultGames, null, 1, false);
        if (Flags.Read(args, ["--scenario", "--games", "--players", "--seed"], ["--json"], out var problem) is not { } flags)
        {
            return problem;
        }

        if (flags["--scenario"] is not { } scenario)
        {
            return "--scenario is required";
        }

        var games = DefaultGames;
        if (flags["--games"] is { } g && (!int.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out games) || games < 1 || games > MaxGames))
        {
            return $"--games takes a whole number from 1 to {MaxGames}, not '{g}'";
        }

        int? players = null;
        if (flags["--players"] is { } p and not "all")
        {
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return $"--players takes a whole number or 'all', not '{p}'";
            }

            players = n;
        }

        ulong seed = 1;
        if (flags["--seed"] is { } s && !ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            return $"--seed takes a whole number of 0 or more, not '{s}'";
        }

        options = new Options(scenario, games, players, seed, flags.Has("--json"));
        return null;
    }

    /// <summary>The report as a facilitator reads it in a terminal: warnings first, then one block per player count, then content use.</summary>
    private static string Text(BalanceReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"{report.Scenario} v{report.Version}: {report.Games} games per bot kind and player count, seed {report.Seed}");
        text.AppendLine(inv, $"warnings: {report.Warnings.Length}");
        foreach (var warning in report.Warnings)
        {
            text.AppendLine(inv, $"  {warning.Code}: {warning.Message.En}");
        }

        foreach (var table in report.Tables)
        {
            text.AppendLine();
            text.AppendLine(inv, $"{table.Players} players — cooperation premium {table.CooperationPremium:P0}");
            text.AppendLine(inv, $"  {"bots",-12} {"score mean",10} {"spread",7} {"min",7} {"max",7} {"events",7} {"coverage",8} {"accepted",8} {"countered",9} {"rejected",8} {"carried",7}");
            foreach (var bot in table.Bots)
            {
                text.AppendLine(inv, $"  {bot.Bot,-12} {bot.Score.Mean,10:0.0} {bot.Score.Spread,7:0.0} {bot.Score.Min,7:0.0} {bot.Score.Max,7:0.0} {bot.Length.Mean,7:0} {bot.RotationCoverage,8:P0} {bot.Proposals.Accepted,8:0.0} {bot.Proposals.Countered,9:0.0} {bot.Proposals.Rejected,8:0.0} {bot.Ballots.Carried,4:0.0}/{bot.Ballots.Called:0.0}");
            }

            text.AppendLine(inv, $"  {"role",-20} {"share r/g/c",20} {"points/round r/g/c",20} {"greedy on top",13}");
            for (var r = 0; r < table.Bots[0].Roles.Length; r++)
            {
                var shares = string.Join("/", table.Bots.Select(b => b.Roles[r].ContributionShare.ToString("0%", inv)));
                var points = string.Join("/", table.Bots.Select(b => b.Roles[r].PointsPerRoundHeld.ToString("0.0", inv)));
                text.AppendLine(inv, $"  {table.Bots[0].Roles[r].Role,-20} {shares,20} {points,20} {table.Bots[1].Roles[r].OnTop,13:P0}");
            }

            text.AppendLine(inv, $"  {"metric (cooperative)",-24} {"final",8} {"spread",7} {"at min",7} {"at max",7}  median per round");
            foreach (var metric in table.Bots[2].Metrics)
            {
                var curve = string.Join(" ", metric.Curve.Select(c => c.Median.ToString("0.#", inv)));
                text.AppendLine(inv, $"  {metric.Metric,-24} {metric.FinalMean,8:0.#} {metric.FinalSpread,7:0.#} {metric.PinnedAtMin,7:P0} {metric.PinnedAtMax,7:P0}  {curve}");
            }

            foreach (var goal in table.Bots[2].SharedGoals)
            {
                text.AppendLine(inv, $"  shared goal {goal.Goal} met by round (cooperative): {string.Join(" ", goal.MetByRound.Select(m => m.ToString("0%", inv)))}");
            }
        }

        text.AppendLine();
        text.AppendLine(inv, $"{"content chosen",-44} {"random",8} {"greedy",8} {"cooperative",11}");
        foreach (var use in report.Content)
        {
            text.AppendLine(inv, $"  {Kind(use.Kind) + " " + use.Id,-42} {use.Random,8} {use.Greedy,8} {use.Cooperative,11}");
        }

        return text.ToString();
    }

    private static string Kind(ContentKind kind) => kind.ToString().ToLowerInvariant();
}
