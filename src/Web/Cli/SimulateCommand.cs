using System.Globalization;
using System.Text;
using System.Text.Json;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Simulation;

namespace RegioLab.Sim.Web.Cli;

/// <summary><c>simulate --scenario ID|FILE --players N --seed S [--bots KIND] [--json]</c>: a whole game played by bots.</summary>
internal static class SimulateCommand
{
    private const string Usage =
        "usage: simulate --scenario ID|FILE --players N --seed S [--bots random|greedy|cooperative] [--json]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (Parse(args, out var options) is { } problem)
        {
            return Flags.Refuse("simulate", problem, Usage, error);
        }

        if (Flags.LoadScenario(options.Scenario, error) is not { } scenario)
        {
            return 1;
        }

        if (options.Players < scenario.Players.Min || options.Players > scenario.Players.Max)
        {
            return Flags.Refuse("simulate", $"scenario '{scenario.Id}' seats {scenario.Players.Min} to {scenario.Players.Max} players, not {options.Players}", Usage, error);
        }

        var result = Simulator.Play(scenario, options.Players, options.Seed, options.Bots);
        output.Write(options.Json ? Json(result) + "\n" : Summary(result));
        return 0;
    }

    private sealed record Options(string Scenario, int Players, ulong Seed, BotKind Bots, bool Json);

    private static string? Parse(IReadOnlyList<string> args, out Options options)
    {
        options = new Options("", 0, 0, BotKind.Cooperative, false);
        if (Flags.Read(args, ["--scenario", "--players", "--seed", "--bots"], ["--json"], out var problem) is not { } flags)
        {
            return problem;
        }

        if (flags["--scenario"] is not { } scenario || flags["--players"] is not { } players || flags["--seed"] is not { } seed)
        {
            return "--scenario, --players and --seed are required";
        }

        if (!int.TryParse(players, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
        {
            return $"--players takes a whole number, not '{players}'";
        }

        if (!ulong.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
        {
            return $"--seed takes a whole number of 0 or more, not '{seed}'";
        }

        var kind = BotKind.Cooperative;
        if (flags["--bots"] is { } bots && !BotKinds.TryParse(bots, out kind))
        {
            return $"--bots takes {string.Join(", ", BotKinds.Names)}, not '{bots}'";
        }

        options = new Options(scenario, p, s, kind, flags.Has("--json"));
        return null;
    }

    private static string Json(GameResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("scenario", result.Scenario);
            json.WriteNumber("seed", result.Seed);
            json.WriteNumber("players", result.Players);
            json.WriteNumber("rounds", result.Rounds);
            json.WriteString("bots", BotKinds.Names[(int)result.Bots]);
            json.WriteStartArray("seats");
            foreach (var seat in result.Seats)
            {
                json.WriteStartObject();
                json.WriteNumber("seat", seat.Seat);
                json.WriteStartArray("roles");
                foreach (var role in seat.Roles)
                {
                    json.WriteStringValue(role);
                }

                json.WriteEndArray();
                json.WriteNumber("points", seat.Points);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("metrics");
            foreach (var (id, value) in result.Metrics)
            {
                json.WriteNumber(id, Math.Round(value, 4));
            }

            json.WriteEndObject();
            json.WriteNumber("communityScore", result.CommunityScore);
            json.WriteStartObject("contribution");
            foreach (var (role, share) in result.Contribution.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteNumber(role, share);
            }

            json.WriteEndObject();
            json.WriteNumber("events", result.Log.Count);
            json.WriteStartArray("achievements");
            foreach (var seat in result.Seats)
            {
                foreach (var achievement in seat.Achievements)
                {
                    json.WriteStartObject();
                    json.WriteNumber("seat", seat.Seat);
                    json.WriteString("id", achievement);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Summary(GameResult result)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{result.Scenario}: {result.Players} {BotKinds.Names[(int)result.Bots]} bots, seed {result.Seed}, {result.Rounds} rounds, {result.Log.Count} events");
        text.AppendLine("seats:");
        foreach (var seat in result.Seats)
        {
            var badges = seat.Achievements.IsEmpty ? "" : $"  [{string.Join(", ", seat.Achievements)}]";
            text.AppendLine(inv, $"  seat {seat.Seat}: {string.Join(" → ", seat.Roles)}  {seat.Points} points{badges}");
        }

        text.AppendLine("metrics:");
        foreach (var (id, value) in result.Metrics)
        {
            text.AppendLine(inv, $"  {id,-24} {value,10:0.##}");
        }

        text.AppendLine(inv, $"community score: {result.CommunityScore:0.##}");
        text.AppendLine("contribution to shared-metric movement:");
        foreach (var (role, share) in result.Contribution.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(inv, $"  {role,-24} {share,7:P1}");
        }

        return text.ToString();
    }
}
