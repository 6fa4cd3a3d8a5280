using System.Collections.Frozen;
using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Expressions;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>
/// The rules of one scenario: decide(state, command) → events | rejection, and
/// evolve(state, event) → state. Pure and deterministic: randomness comes from the seed in
/// the state, time is passed in. Safe to share between threads.
/// </summary>
public sealed partial class TableRules
{
    private readonly FrozenDictionary<string, double> metricRanges;
    private readonly FrozenDictionary<string, (double Min, double Max)> bounds;
    private readonly FrozenDictionary<string, ActionRefusals> actionRefusals;
    private readonly FrozenDictionary<Rejection, int> reasonIds;
    private readonly FrozenDictionary<Rejection, int> reasonIdsByObject;
    private readonly FrozenDictionary<string, ActionKeys> actionKeys;
    private readonly FormulaTruths truths;

    public TableRules(Scenario scenario)
    {
        Scenario = scenario;
        Flow = new PhaseFlow(scenario.Rounds.Count, scenario.Rounds.Phases.Length, scenario.Rotation != RotationMode.Fixed);
        metricRanges = scenario.Metrics.ToFrozenDictionary(m => m.Id, m => m.Max - m.Min);
        bounds = scenario.Metrics.Select(m => (m.Id, (m.Min, m.Max)))
            .Concat(scenario.Roles.SelectMany(r => r.Resources.Select(x => (EffectTarget.ResourceKey(r.Id, x.Id), (x.Min, x.Max)))))
            .ToFrozenDictionary(p => p.Item1, p => p.Item2);
        actionRefusals = scenario.Actions.ToFrozenDictionary(a => a.Id, a => ActionRefusals.Of(scenario, a));
        actionKeys = scenario.Actions.ToFrozenDictionary(a => a.Id, a => ActionKeys.Of(scenario, a));
        truths = new FormulaTruths(scenario);
        var answers = new[] { Refusals.Paused, Refusals.NotInRound, Refusals.NotSeated, Refusals.VoteOpen }
            .Concat(scenario.Actions.SelectMany(a => actionRefusals[a.Id].All))
            .ToList();
        var reasons = answers.Distinct().ToList();
        reasonIds = reasons.Select((r, i) => (r, i)).ToFrozenDictionary(p => p.r, p => p.i);

        // WhyNot answers with these very objects: finding them by reference spares hashing their texts for every action of every view.
        IEqualityComparer<Rejection> sameObject = ReferenceEqualityComparer.Instance;
        reasonIdsByObject = answers.Distinct(sameObject).ToFrozenDictionary(r => r, r => reasonIds[r], sameObject);
        Reasons = [.. reasons.Select(r => r.Reason)];
    }

    /// <summary>Every sentence <see cref="WhyNot(TableState, int, ActionDefinition)"/> can answer with; a view names one by its index (<see cref="ReasonId"/>).</summary>
    public ImmutableArray<Text> Reasons { get; }

    public Scenario Scenario { get; }

    public PhaseFlow Flow { get; }

    /// <summary>Decides a command at time <paramref name="now"/>: the events to append, or why not.</summary>
    public Decision Decide(TableState state, Actor actor, Command command, DateTimeOffset now)
    {
        if (CommandShape.Check(command) is { } malformed)
        {
            return Decision.Reject(malformed);
        }

        if (actor.Kind == ActorKind.Observer && command is not PinNote)
        {
            // An observer reads every table and pins notes; it never acts in the game.
            return Decision.Reject(Refusals.NotForObserver);
        }

        try
        {
            var turn = new Turn(this, state, now);
            var rejection = command switch
            {
                TakeSeat c => turn.TakeSeat(c),
                LeaveSeat c => turn.LeaveSeat(actor, c),
                SetPresence c => turn.SetPresence(actor, c),
                Start c => turn.Start(actor, c),
                Advance => turn.Advance(actor),
                Act c => turn.Act(actor, c),
                AnswerProposal c => turn.Answer(actor, c),
                CastVote c => turn.Vote(actor, c),
                ResolveDilemma c => turn.Resolve(actor, c),
                RequestRoleSwap c => turn.RequestSwap(actor, c),
                AssignRole c => turn.Assign(actor, c),
                WriteHandoverNote c => turn.Handover(actor, c),
                Reflect c => turn.Reflect(actor, c),
                Pause => turn.Pause(actor),
                Resume => turn.Resume(actor),
                ExtendTimer c => turn.Extend(actor, c),
                InjectDilemma c => turn.Inject(actor, c),
                End => turn.End(actor),
                AddBot c => turn.AddBot(actor, c),
                SetBot c => turn.SetBot(actor, c),
                FillBots c => turn.FillBots(actor, c),
                PinNote c => turn.PinNote(actor, c),
                SendMessage c => turn.Message(actor, c),
                PlanInject c => turn.PlanInject(actor, c),
                CancelInject c => turn.CancelInject(actor, c),
                _ => Refusals.UnknownCommand(command.GetType().Name),
            };
            return rejection is null ? new Decision(turn.Events, null) : new Decision([], rejection);
        }
        catch (FormulaException e)
        {
            // A formula that fails at play time (say, a division the author did not foresee)
            // refuses the command instead of breaking the table.
            return Decision.Reject(Refusals.FormulaFailed(e.Message));
        }
    }

    /// <summary>Why a seat cannot take an action now, or null when it can.</summary>
    public Rejection? WhyNot(TableState state, int seat, ActionDefinition action) => WhyNot(state, Scope(state), seat, action);

    /// <summary>
    /// <see cref="WhyNot(TableState, int, ActionDefinition)"/> with the state's formula scope made by the caller:
    /// the views ask for every action of every seat of one state.
    /// </summary>
    internal Rejection? WhyNot(TableState state, IFormulaScope scope, int seat, ActionDefinition action)
    {
        if (state.Flow.Paused)
        {
            return Refusals.Paused;
        }

        if (state.Flow.Stage != Stage.Playing)
        {
            return Refusals.NotInRound;
        }

        if (seat < 0 || seat >= state.Seats.Length || state.Seats[seat].Left)
        {
            return Refusals.NotSeated;
        }

        var refusals = actionRefusals[action.Id];
        if (state.RoleOf(seat) != action.Role)
        {
            return refusals.NotYourRole;
        }

        var keys = actionKeys[action.Id];
        if (!keys.InPhase[state.Flow.Phase])
        {
            return refusals.WrongPhase;
        }

        if (state.ActionsThisRound.GetValueOrDefault(keys.Taken(seat)) >= action.LimitPerRound)
        {
            return refusals.LimitReached;
        }

        for (var i = 0; i < action.Cost.Length; i++)
        {
            var key = keys.Costs[i];
            if (state.Resources[key] - action.Cost[i].Amount < bounds[key].Min)
            {
                return refusals.Costs[i];
            }
        }

        if (action.Kind == ActionKind.Vote && state.Ballot is not null)
        {
            return Refusals.VoteOpen;
        }

        if (action.Kind == ActionKind.Proposal && !state.IsHeld(action.To!))
        {
            return refusals.NobodyToAsk;
        }

        if (action.Condition is { } condition && !truths.IsTrue(state, scope, condition))
        {
            return refusals.ConditionNotMet;
        }

        return null;
    }

    /// <summary>The index in <see cref="Reasons"/> of an answer of <see cref="WhyNot(TableState, int, ActionDefinition)"/>.</summary>
    public int ReasonId(Rejection why) => reasonIdsByObject.TryGetValue(why, out var id) ? id : reasonIds[why];

    internal IFormulaScope Scope(TableState state) => new StateScope(state, Scenario.Rounds.Count);

    /// <summary>Whether a role's goal is met in a state (<paramref name="scope"/>: the state's), asked of each holder's view after every event.</summary>
    internal bool IsMet(TableState state, IFormulaScope scope, Goal goal) => truths.IsTrue(state, scope, goal.When);

    /// <summary>The changes effects make, evaluated together against the state and clamped to the bounds.</summary>
    internal ImmutableArray<Change> Changes(TableState state, IEnumerable<Effect> effects, IEnumerable<Change>? before = null)
    {
        var scope = Scope(state);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<Change>();
        foreach (var change in (before ?? []).Concat(effects.Select(e => new Change(e.Target.Key, e.Delta.Number(scope)))))
        {
            var current = values.TryGetValue(change.Target, out var v) ? v
                : state.Metrics.TryGetValue(change.Target, out v) ? v
                : state.Resources[change.Target];
            var (min, max) = bounds[change.Target];
            var next = Math.Clamp(current + change.Delta, min, max);
            values[change.Target] = next;
            if (next != current)
            {
                result.Add(new Change(change.Target, next - current));
            }
        }

        return result.ToImmutable();
    }

    internal ImmutableArray<Change> Costs(ActionDefinition action) =>
        [.. action.Cost.Where(c => c.Amount > 0).Select(c => new Change(EffectTarget.ResourceKey(action.Role, c.Resource), -c.Amount))];
}
