using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>Play in a round: actions, proposals and their answers, votes, dilemmas.</summary>
internal sealed partial class Turn
{
    public Rejection? Act(Actor actor, Act c)
    {
        if ((Player(actor) ?? NoteProblem(c.Note)) is { } problem)
        {
            return problem;
        }

        if (Scenario.Actions.FirstOrDefault(a => a.Id == c.Action) is not { } action)
        {
            return Refusals.UnknownAction(c.Action);
        }

        if (rules.WhyNot(state, actor.Seat, action) is { } why)
        {
            return why;
        }

        // A direct action pays and takes effect at once; a proposal or a vote pays now and takes effect when agreed.
        var costs = rules.Costs(action);
        switch (action.Kind)
        {
            case ActionKind.Direct:
                Emit(new ActionTaken(actor.Seat, action.Role, action.Id, rules.Changes(state, action.Effects, costs)));
                break;
            case ActionKind.Proposal:
                Emit(new ProposalMade(state.NextId, actor.Seat, action.Role, action.Id, action.To!, c.Note.Trim(), rules.Changes(state, [], costs)));
                break;
            case ActionKind.Vote:
                Emit(new BallotOpened(state.NextId, BallotSubject.Action, action.Id, actor.Seat, action.Role, BallotTally.YesNo, rules.Changes(state, [], costs)));
                break;
        }

        return null;
    }

    public Rejection? Answer(Actor actor, AnswerProposal c)
    {
        if ((PlayerInPlay(actor) ?? NoteProblem(c.Note)) is { } problem)
        {
            return problem;
        }

        if (state.Proposals.FirstOrDefault(p => p.Id == c.Proposal) is not { } proposal)
        {
            return Refusals.NoSuchProposal;
        }

        var role = state.RoleOf(actor.Seat);
        var mine = proposal.Countered ? proposal.FromSeat == actor.Seat : role == proposal.ToRole;
        if (!mine)
        {
            return proposal.Countered ? Refusals.CounterIsForProposer : Refusals.ProposalFor(Scenario.Role(proposal.ToRole).Name);
        }

        if (c.Answer == Rules.Answer.Expire || (c.Answer == Rules.Answer.Counter && proposal.Countered))
        {
            return proposal.Countered ? Refusals.AnswerToCounter : Refusals.AnswerToProposal;
        }

        var action = Scenario.Action(proposal.Action);
        var accepted = c.Answer == Rules.Answer.Accept;
        var changes = accepted
            ? rules.Changes(state, proposal.Countered && action.CounterEffects is { } counter ? counter : action.Effects)
            : [];
        var credit = accepted ? ImmutableArray.Create(proposal.FromRole, proposal.ToRole).Distinct().ToImmutableArray() : [];
        Emit(new ProposalAnswered(proposal.Id, actor.Seat, role ?? string.Empty, c.Answer, c.Note.Trim(), changes, credit));
        if (accepted)
        {
            Award(proposal.FromSeat, AchievementKind.ProposalAccepted);
        }

        return null;
    }

    public Rejection? Vote(Actor actor, CastVote c)
    {
        if (PlayerInPlay(actor) is { } notNow)
        {
            return notNow;
        }

        if (state.Ballot is not { } ballot || ballot.Id != c.Ballot)
        {
            return Refusals.NoSuchBallot;
        }

        if (!ballot.Options.Contains(c.Option))
        {
            return Refusals.VoteOneOf(BallotTally.OptionLabels(Scenario, ballot));
        }

        if (ballot.Votes.ContainsKey(actor.Seat))
        {
            return Refusals.AlreadyVoted;
        }

        Emit(new VoteCast(ballot.Id, actor.Seat, c.Option));
        if (state.Playing.Where(s => s.Present).All(s => state.Ballot!.Votes.ContainsKey(s.Id)))
        {
            CloseBallot();
        }

        return null;
    }

    public Rejection? Resolve(Actor actor, ResolveDilemma c)
    {
        if (PlayerInPlay(actor) is { } notNow)
        {
            return notNow;
        }

        if (state.OpenDilemma is not { } open)
        {
            return Refusals.NoDilemma;
        }

        var dilemma = Scenario.Dilemma(open);
        if (DilemmaDraw.DecidingRole(state, dilemma) is not { } decider)
        {
            return Refusals.DecidedByVote;
        }

        if (state.RoleOf(actor.Seat) != decider)
        {
            return Refusals.NotYourDecision(Scenario.Role(decider).Name);
        }

        if (!dilemma.Options.Any(o => o.Id == c.Option))
        {
            return Refusals.ChooseOneOf(dilemma.Options.Select(o => o.Label));
        }

        Emit(new DilemmaResolved(dilemma.Id, c.Option, actor.Seat, rules.Changes(state, dilemma.Option(c.Option).Effects), [decider]));
        return null;
    }

    public Rejection? Inject(Actor actor, InjectDilemma c)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (!Scenario.Dilemmas.Any(d => d.Id == c.Dilemma))
        {
            return Refusals.UnknownDilemma(c.Dilemma);
        }

        if (state.Flow.Stage != Stage.Playing)
        {
            return Refusals.InjectInRounds;
        }

        if (state.OpenDilemma is not null)
        {
            return Refusals.DilemmaOpen;
        }

        Open(Scenario.Dilemma(c.Dilemma), injected: true);
        return null;
    }

    /// <summary>A dilemma comes on the table; when the table decides it, its ballot opens with it.</summary>
    private void Open(Dilemma dilemma, bool injected)
    {
        Emit(new DilemmaDrawn(dilemma.Id, injected));
        if (DilemmaDraw.DecidingRole(state, dilemma) is null && state.Ballot is null)
        {
            Emit(new BallotOpened(state.NextId, BallotSubject.Dilemma, dilemma.Id, -1, string.Empty, [.. dilemma.Options.Select(o => o.Id)], []));
        }
    }

    private void CloseBallot()
    {
        var outcome = BallotTally.Count(rules, state, state.Ballot!);
        Emit(new BallotClosed(outcome.Ballot, outcome.Winner, outcome.Tally, outcome.Changes, outcome.Credit));
        if (outcome.Dilemma is { } dilemma && state.OpenDilemma == dilemma.Id)
        {
            Emit(new DilemmaResolved(dilemma.Id, outcome.Winner!, null, rules.Changes(state, dilemma.Option(outcome.Winner!).Effects), outcome.DilemmaCredit));
        }
    }

    private void Award(int seat, AchievementKind kind)
    {
        foreach (var achievement in Achievements.For(Scenario, state, seat, kind))
        {
            Emit(new AchievementEarned(seat, achievement));
        }
    }
}
