using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using RegioLab.Sim.Scenarios.Expressions;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>What a formula reads from a session state: metrics, "role.resource", round and rounds.</summary>
internal readonly struct StateScope(TableState state, int rounds) : IFormulaScope
{
    /// <summary>The value of "round": the current round, or 1 before play.</summary>
    public static int RoundOf(TableState state) => Math.Max(1, state.Flow.Round);

    public bool TryGet(string name, out double value)
    {
        if (state.Metrics.TryGetValue(name, out value) || state.Resources.TryGetValue(name, out value))
        {
            return true;
        }

        switch (name)
        {
            case "round":
                value = RoundOf(state);
                return true;
            case "rounds":
                value = rounds;
                return true;
            default:
                value = 0;
                return false;
        }
    }
}

/// <summary>
/// Whether the scenario's goals and action conditions hold in a state, remembered for the state's metrics,
/// resources and round, which are all a formula reads (<see cref="StateScope"/>). Most events (a swap request,
/// a note, a proposal, a seat's presence) change none of them, and after each every seat's view asks the same
/// questions again. The answers hang on the state's (immutable) resources object, so they go when it goes.
/// Safe to share between threads: an answer is written once, and two threads that race write the same.
/// </summary>
internal sealed class FormulaTruths
{
    private const int Unknown = 0;
    private const int True = 1;
    private const int False = 2;

    private readonly FrozenDictionary<Formula, int> slots;
    private readonly ConditionalWeakTable<ImmutableSortedDictionary<string, double>, Answers> answers = new();

    public FormulaTruths(Scenario scenario)
    {
        // A formula has no equality of its own: each goal's and each condition's object is its key.
        slots = scenario.Roles.SelectMany(r => r.Goals.Select(g => g.When))
            .Concat(scenario.Actions.Select(a => a.Condition).OfType<Formula>())
            .Distinct()
            .Select((formula, slot) => (formula, slot))
            .ToFrozenDictionary(p => p.formula, p => p.slot);
    }

    /// <summary>Whether <paramref name="formula"/> holds in <paramref name="state"/>, whose scope <paramref name="scope"/> is.</summary>
    public bool IsTrue(TableState state, IFormulaScope scope, Formula formula)
    {
        if (!slots.TryGetValue(formula, out var slot))
        {
            return formula.IsTrue(scope);
        }

        var values = Of(state).Values;
        var answer = Volatile.Read(ref values[slot]);
        if (answer == Unknown)
        {
            answer = formula.IsTrue(scope) ? True : False;
            Volatile.Write(ref values[slot], answer);
        }

        return answer == True;
    }

    private Answers Of(TableState state)
    {
        var round = StateScope.RoundOf(state);
        if (answers.TryGetValue(state.Resources, out var known) && ReferenceEquals(known.Metrics, state.Metrics) && known.Round == round)
        {
            return known;
        }

        var fresh = new Answers(state.Metrics, round, new int[slots.Count]);
        answers.AddOrUpdate(state.Resources, fresh);
        return fresh;
    }

    /// <summary>The answers for one resources object with these metrics in this round.</summary>
    private sealed record Answers(ImmutableSortedDictionary<string, double> Metrics, int Round, int[] Values);
}
