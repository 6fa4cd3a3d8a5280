using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Expressions;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Scenarios.Bots;

/// <summary>How a bot chooses among the commands the rules would accept.</summary>
public enum BotKind
{
    /// <summary>Any legal command, or none, with equal chance.</summary>
    Random,

    /// <summary>Whatever raises the goals of the role it holds now, whatever it costs the others.</summary>
    Greedy,

    /// <summary>Whatever raises the community score and the shared goals.</summary>
    Cooperative,
}

/// <summary>A seeded bot player for one seat. It only ever sends commands the rules accept.</summary>
public sealed class Bot(BotKind kind, int seat, ulong seed)
{
    private ulong random = seed ^ (0x5851F42D4C957F2DUL * (ulong)(seat + 1));

    public BotKind Kind => kind;

    public int Seat => seat;

    /// <summary>The commands this seat could send now that the rules would accept.</summary>
    public static IEnumerable<Command> Candidates(TableRules rules, TableState state, int seat)
    {
        if (state.Flow.Paused || seat >= state.Seats.Length || state.Seats[seat].Left)
        {
            yield break;
        }

        var role = state.RoleOf(seat);
        if (state.Flow.Stage == Stage.Playing && role is not null)
        {
            foreach (var action in rules.Scenario.Actions.Where(a => a.Role == role && rules.WhyNot(state, seat, a) is null))
            {
                yield return new Act(action.Id, "");
            }

            foreach (var proposal in state.Proposals.Where(p => p.Countered ? p.FromSeat == seat : p.ToRole == role))
            {
                yield return new AnswerProposal(proposal.Id, Answer.Accept);
                yield return new AnswerProposal(proposal.Id, Answer.Reject);
                if (!proposal.Countered)
                {
                    yield return new AnswerProposal(proposal.Id, Answer.Counter, "");
                }
            }

            if (state.Ballot is { } ballot && !ballot.Votes.ContainsKey(seat))
            {
                foreach (var option in ballot.Options)
                {
                    yield return new CastVote(ballot.Id, option);
                }
            }

            if (state.OpenDilemma is { } open && rules.Scenario.Dilemma(open) is var dilemma
                && !dilemma.IsVote && dilemma.DecidedBy == role)
            {
                foreach (var option in dilemma.Options)
                {
                    yield return new ResolveDilemma(option.Id);
                }
            }
        }
    }

    /// <summary>The bot's next command, or null to wait for the next phase.</summary>
    public Command? Choose(TableRules rules, TableState state, DateTimeOffset now)
    {
        var candidates = Candidates(rules, state, seat).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        // Answers and votes are owed to others: a bot never leaves them hanging.
        var owed = candidates.Any(c => c is AnswerProposal or CastVote or ResolveDilemma);
        if (kind == BotKind.Random)
        {
            var index = Seeded.NextInt(ref random, candidates.Count + (owed ? 0 : 1));
            return index < candidates.Count ? candidates[index] : null;
        }

        var baseline = Value(rules, state);
        Command? best = null;
        var bestValue = double.NegativeInfinity;
        foreach (var candidate in candidates)
        {
            var decision = rules.Decide(state, Actor.Player(seat), candidate, now);
            if (!decision.Accepted)
            {
                continue;
            }

            var after = decision.Events.Aggregate(state, rules.Evolve);
            if (candidate is Act act && rules.Scenario.Action(act.Action) is { Kind: not ActionKind.Direct } asked)
            {
                // A proposal or a vote pays off only when the others agree: judge it as if they did.
                after = rules.Evolve(state, new ActionTaken(seat, asked.Role, asked.Id, rules.Changes(state, asked.Effects, rules.Costs(asked))));
            }

            // A little noise breaks ties differently per game, so games differ.
            var value = Value(rules, after) + Seeded.NextDouble(ref random) * 1e-3;
            if (value > bestValue)
            {
                best = candidate;
                bestValue = value;
            }
        }

        return owed || bestValue > baseline + 1e-3 ? best : null;
    }

    private double Value(TableRules rules, TableState state) => kind switch
    {
        BotKind.Greedy => OwnGoals(rules, state),
        _ => Community(rules.Scenario, state),
    };

    /// <summary>
    /// <see cref="Scoring.Community"/> summed in the same order, without building its explanation: a
    /// cooperative bot asks it once per candidate command, which made it most of a balance report's time.
    /// </summary>
    private static double Community(Scenario scenario, TableState state)
    {
        var weights = 0.0;
        var progress = 0.0;
        foreach (var metric in scenario.Metrics)
        {
            weights += metric.Weight;
            var moved = (state.Metrics[metric.Id] - metric.Start) / (metric.Max - metric.Min);
            progress += metric.Weight * (metric.Good == Direction.Up ? moved : -moved);
        }

        progress = weights <= 0 ? 0 : progress / weights * 100;
        var goals = 0;
        if (!scenario.SharedGoals.IsEmpty)
        {
            IFormulaScope scope = new StateScope(state, scenario.Rounds.Count);
            foreach (var goal in scenario.SharedGoals)
            {
                goals += goal.When.IsTrue(scope) ? goal.Points : 0;
            }
        }

        return Math.Round(progress + goals, 2);
    }

    /// <summary>The points the current role's goals would give now, and, below that, the role's resources.</summary>
    private double OwnGoals(TableRules rules, TableState state)
    {
        if (state.RoleOf(seat) is not { } roleId)
        {
            return 0;
        }

        var role = rules.Scenario.Role(roleId);
        var scope = rules.Scope(state);
        var goals = role.Goals.Where(g => g.When.IsTrue(scope)).Sum(g => g.Points);
        var resources = role.Resources.Sum(r => (state.Resources[EffectTarget.ResourceKey(role.Id, r.Id)] - r.Min) / Math.Max(1, r.Max - r.Min));
        return goals * 100 + resources + GoalDistance(rules, role, state);
    }

    /// <summary>
    /// How close the role's goals are, by the metrics they name: a greedy bot moves the
    /// metrics its own goals read towards their good direction, and ignores the rest.
    /// </summary>
    private static double GoalDistance(TableRules rules, Role role, TableState state)
    {
        var total = 0.0;
        foreach (var goal in role.Goals)
        {
            foreach (var name in goal.When.Names)
            {
                if (state.Metrics.TryGetValue(name, out var value))
                {
                    var metric = rules.Scenario.Metric(name);
                    var normal = (value - metric.Min) / (metric.Max - metric.Min);
                    total += metric.Good == Direction.Up ? normal : -normal;
                }
            }
        }

        return total * 10;
    }
}

/// <summary>Reads a bot kind from its name.</summary>
public static class BotKinds
{
    public static readonly ImmutableArray<string> Names = ["random", "greedy", "cooperative"];

    public static bool TryParse(string name, out BotKind kind) => Enum.TryParse(name, ignoreCase: true, out kind) && Names.Contains(name.ToLowerInvariant());
}
