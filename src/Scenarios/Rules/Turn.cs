using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>
/// One decision in progress: it emits events and folds each into its working state at once,
/// so that later steps of the same command (closing a phase, scoring a round, drawing a
/// dilemma) see what earlier steps did. Methods return a rejection, or null when accepted.
/// </summary>
internal sealed class Turn(SessionRules rules, SessionState state, DateTimeOffset now)
{
    private readonly List<SessionEvent> events = [];
    private SessionState state = state;

    public IReadOnlyList<SessionEvent> Events => events;

    private Scenario Scenario => rules.Scenario;

    // ---- seats -----------------------------------------------------------------------

    public Rejection? TakeSeat(TakeSeat c)
    {
        var name = c.Name.Trim();
        if (name.Length is 0 or > SessionRules.MaxNameLength)
        {
            return new Rejection("invalid_name", $"Een naam heeft 1 tot {SessionRules.MaxNameLength} tekens.", $"A name has 1 to {SessionRules.MaxNameLength} characters.");
        }

        if (state.Started)
        {
            return new Rejection("game_started", "Het spel is al begonnen; vraag de begeleider om een plek aan een volgende tafel.", "The game has started; ask the facilitator for a seat at the next table.");
        }

        if (state.Playing.Count() >= Scenario.Players.Max)
        {
            return new Rejection("table_full", $"Aan deze tafel kunnen hoogstens {Scenario.Players.Max} spelers.", $"This table seats at most {Scenario.Players.Max} players.");
        }

        Emit(new SeatTaken(state.Seats.Length, name));
        return null;
    }

    public Rejection? LeaveSeat(Actor actor, LeaveSeat c)
    {
        if (actor.Kind == ActorKind.Player && actor.Seat != c.Seat)
        {
            return new Rejection("not_allowed", "Je kunt alleen je eigen plek verlaten.", "You can only leave your own seat.");
        }

        if (SeatProblem(c.Seat) is { } problem)
        {
            return problem;
        }

        Emit(new SeatLeft(c.Seat));
        if (state.Started && state.Flow.Stage is not (Stage.Debrief or Stage.Ended))
        {
            // The seat keeps its history; the rounds still to come are planned without it.
            Replan(NextRound(), "seat_left");
        }

        return null;
    }

    public Rejection? SetPresence(Actor actor, SetPresence c)
    {
        if (actor.Kind == ActorKind.Player)
        {
            return new Rejection("not_allowed", "Aanwezigheid houdt het systeem zelf bij.", "Presence is set by the system.");
        }

        if (SeatProblem(c.Seat) is { } problem)
        {
            return problem;
        }

        if (state.Seats[c.Seat].Present != c.Present)
        {
            Emit(new PresenceChanged(c.Seat, c.Present));
        }

        return null;
    }

    // ---- flow ------------------------------------------------------------------------

    public Rejection? Start(Actor actor, Start c)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        var players = state.Playing.Count();
        if (players < Scenario.Players.Min)
        {
            return new Rejection("too_few_players", $"Deze casus heeft minstens {Scenario.Players.Min} spelers nodig; er zitten er {players}.", $"This scenario needs at least {Scenario.Players.Min} players; {players} seated.");
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.Start) is not { } next)
        {
            return new Rejection("already_started", "Het spel is al begonnen.", "The game has already started.");
        }

        var plan = Rotation.Plan(Scenario, state.Seats.Length, [.. state.Playing.Select(s => s.Id)], 1, []);
        Emit(new GameStarted(c.Seed, plan));
        Emit(new FlowChanged(next, null, null, c.Seed));
        return null;
    }

    public Rejection? Advance(Actor actor)
    {
        if (actor.Kind == ActorKind.Player)
        {
            return new Rejection("not_allowed", "Alleen de begeleider (of de timer) zet het spel verder.", "Only the facilitator (or the timer) moves the game on.");
        }

        if (state.Flow.Paused)
        {
            return new Rejection("paused", "Het spel is gepauzeerd; hervat het eerst.", "The game is paused; resume it first.");
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.Advance) is not { } next)
        {
            return new Rejection("cannot_advance", "Er komt hierna niets meer.", "There is nothing after this.");
        }

        Leave(next);
        Enter(next);
        return null;
    }

    public Rejection? Pause(Actor actor)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.Pause) is not { } next)
        {
            return new Rejection("cannot_pause", "Op dit moment kan het spel niet gepauzeerd worden.", "The game cannot be paused at this point.");
        }

        var remaining = state.Deadline is { } deadline ? deadline - now : (TimeSpan?)null;
        Emit(new FlowChanged(next, null, remaining is { } r && r < TimeSpan.Zero ? TimeSpan.Zero : remaining, state.Random));
        return null;
    }

    public Rejection? Resume(Actor actor)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.Resume) is not { } next)
        {
            return new Rejection("not_paused", "Het spel is niet gepauzeerd.", "The game is not paused.");
        }

        Emit(new FlowChanged(next, state.RemainingWhenPaused is { } left ? now + left : null, null, state.Random));
        return null;
    }

    public Rejection? Extend(Actor actor, ExtendTimer c)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (c.Seconds is < -3600 or > 3600 or 0)
        {
            return new Rejection("invalid_argument", "Verleng met −3600 tot 3600 seconden, niet met 0.", "Extend by -3600 to 3600 seconds, not 0.");
        }

        if (state.Deadline is not { } deadline)
        {
            return new Rejection("no_timer", "Er loopt nu geen timer.", "No timer runs now.");
        }

        var extended = deadline.AddSeconds(c.Seconds);
        Emit(new DeadlineChanged(extended < now ? now : extended));
        return null;
    }

    public Rejection? End(Actor actor)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.End) is not { } next)
        {
            return new Rejection("already_ended", "Het spel is afgelopen.", "The game has ended.");
        }

        if (state.Flow.Stage == Stage.Playing)
        {
            // Ending early still closes the open round, so points and the debrief are whole.
            CloseOpenBusiness();
            EndRound();
        }

        Enter(next with { Paused = false });
        return null;
    }

    // ---- play ------------------------------------------------------------------------

    public Rejection? Act(Actor actor, Act c)
    {
        if (Player(actor) is { } notPlayer)
        {
            return notPlayer;
        }

        if (c.Note.Length > SessionRules.MaxNoteLength)
        {
            return TooLong(Refusals.Note, SessionRules.MaxNoteLength);
        }

        var action = Scenario.Actions.FirstOrDefault(a => a.Id == c.Action);
        if (action is null)
        {
            return new Rejection("unknown_action", $"Er is geen actie '{c.Action}'.", $"There is no action '{c.Action}'.");
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
                Emit(new BallotOpened(state.NextId, BallotSubject.Action, action.Id, actor.Seat, action.Role, ["yes", "no"], rules.Changes(state, [], costs)));
                break;
        }

        return null;
    }

    public Rejection? Answer(Actor actor, AnswerProposal c)
    {
        if (PlayerInPlay(actor) is { } notNow)
        {
            return notNow;
        }

        if (c.Note.Length > SessionRules.MaxNoteLength)
        {
            return TooLong(Refusals.Note, SessionRules.MaxNoteLength);
        }

        var proposal = state.Proposals.FirstOrDefault(p => p.Id == c.Proposal);
        if (proposal is null)
        {
            return new Rejection("no_such_proposal", "Dit voorstel staat niet meer open.", "This proposal is no longer open.");
        }

        var role = state.RoleOf(actor.Seat);
        var mine = proposal.Countered ? proposal.FromSeat == actor.Seat : role == proposal.ToRole;
        if (!mine)
        {
            return proposal.Countered
                ? new Rejection("not_addressed_to_you", "Op een tegenvoorstel antwoordt wie het voorstel deed.", "The proposer answers a counter-proposal.")
                : new Rejection("not_addressed_to_you", $"Dit voorstel is voor de rol {Scenario.Role(proposal.ToRole).Name.Nl}.", $"This proposal is for the {Scenario.Role(proposal.ToRole).Name.En}.");
        }

        if (c.Answer == Rules.Answer.Expire || (c.Answer == Rules.Answer.Counter && proposal.Countered))
        {
            return proposal.Countered
                ? new Rejection("invalid_answer", "Een tegenvoorstel neem je aan of wijs je af.", "A counter-proposal is accepted or rejected.")
                : new Rejection("invalid_answer", "Antwoord met aannemen, afwijzen of een tegenvoorstel.", "Answer accept, reject or counter.");
        }

        var action = Scenario.Action(proposal.Action);
        var changes = c.Answer == Rules.Answer.Accept
            ? rules.Changes(state, proposal.Countered && action.CounterEffects is { } counter ? counter : action.Effects)
            : [];
        var credit = c.Answer == Rules.Answer.Accept ? ImmutableArray.Create(proposal.FromRole, proposal.ToRole).Distinct().ToImmutableArray() : [];
        Emit(new ProposalAnswered(proposal.Id, actor.Seat, role ?? string.Empty, c.Answer, c.Note.Trim(), changes, credit));
        if (c.Answer == Rules.Answer.Accept)
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
            return new Rejection("no_such_ballot", "Deze stemming is al gesloten.", "This vote is closed.");
        }

        if (!ballot.Options.Contains(c.Option))
        {
            var options = OptionsOf(ballot);
            return new Rejection("invalid_option", $"Stem op een van: {string.Join(", ", options.Select(o => o.Nl))}.", $"Vote one of: {string.Join(", ", options.Select(o => o.En))}.");
        }

        if (ballot.Votes.ContainsKey(actor.Seat))
        {
            return new Rejection("already_voted", "Je hebt al gestemd.", "You have voted already.");
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
            return new Rejection("no_dilemma", "Er ligt geen dilemma op tafel.", "No dilemma is open.");
        }

        var dilemma = Scenario.Dilemma(open);
        var role = state.RoleOf(actor.Seat);
        if (DecidingRole(dilemma) is not { } decider)
        {
            return new Rejection("decided_by_vote", "Over dit dilemma stemt de hele tafel.", "This dilemma is decided by a vote of all.");
        }

        if (role != decider)
        {
            return new Rejection("not_your_decision", $"De rol {Scenario.Role(decider).Name.Nl} beslist over dit dilemma.", $"The {Scenario.Role(decider).Name.En} decides this dilemma.");
        }

        if (!dilemma.Options.Any(o => o.Id == c.Option))
        {
            return new Rejection("invalid_option", $"Kies een van: {string.Join(", ", dilemma.Options.Select(o => o.Label.Nl))}.", $"Choose one of: {string.Join(", ", dilemma.Options.Select(o => o.Label.En))}.");
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
            return new Rejection("unknown_dilemma", $"Er is geen dilemma '{c.Dilemma}'.", $"There is no dilemma '{c.Dilemma}'.");
        }

        if (state.Flow.Stage != Stage.Playing)
        {
            return new Rejection("wrong_phase", "Dilemma's breng je in tijdens de rondes.", "Dilemmas are injected during the rounds.");
        }

        if (state.OpenDilemma is not null)
        {
            return new Rejection("dilemma_open", "Er ligt nog een ander dilemma op tafel.", "Another dilemma is still open.");
        }

        Open(Scenario.Dilemma(c.Dilemma), injected: true);
        return null;
    }

    // ---- role swaps and reflection ----------------------------------------------------

    public Rejection? RequestSwap(Actor actor, RequestRoleSwap c)
    {
        if (Player(actor) is { } notPlayer)
        {
            return notPlayer;
        }

        if (c.Note.Length > SessionRules.MaxNoteLength)
        {
            return TooLong(Refusals.Note, SessionRules.MaxNoteLength);
        }

        if (!Scenario.Roles.Any(r => r.Id == c.Role))
        {
            return new Rejection("unknown_role", $"Er is geen rol '{c.Role}'.", $"There is no role '{c.Role}'.");
        }

        if (state.Flow.Stage is Stage.Debrief or Stage.Ended)
        {
            return Refusals.GameOver;
        }

        Emit(new RoleSwapRequested(actor.Seat, c.Role, c.Note.Trim()));
        return null;
    }

    public Rejection? Assign(Actor actor, AssignRole c)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (SeatProblem(c.Seat) is { } problem)
        {
            return problem;
        }

        if (Scenario.Roles.FirstOrDefault(r => r.Id == c.Role) is not { } role)
        {
            return new Rejection("unknown_role", $"Er is geen rol '{c.Role}'.", $"There is no role '{c.Role}'.");
        }

        if (state.Flow.Stage is Stage.Debrief or Stage.Ended)
        {
            return Refusals.GameOver;
        }

        var round = state.Started ? NextRound() : 1;
        if (round > Scenario.Rounds.Count)
        {
            return new Rejection("last_round", "Er komt geen ronde meer om rollen voor toe te wijzen.", "There is no next round to assign roles for.");
        }

        if (state.Plan.IsDefaultOrEmpty)
        {
            return new Rejection("not_started", "Rollen worden bij de start verdeeld; wijs ze daarna toe.", "Roles are planned when the game starts; assign them after the start.");
        }

        var row = state.Plan[round - 1].ToBuilder();
        var old = row[c.Seat];
        var other = Enumerable.Range(0, row.Count).FirstOrDefault(i => i != c.Seat && row[i] == c.Role && !state.Seats[i].Left, -1);
        if (other >= 0)
        {
            row[other] = old;
        }
        else if (row.Count(r => r == c.Role) >= role.SeatsMax || (old.Length > 0 && row.Count(r => r == old) <= Scenario.Role(old).SeatsMin))
        {
            var from = old.Length > 0 ? Scenario.Role(old).Name : role.Name;
            return new Rejection(
                "seats_exceeded",
                $"Dan komen de plekken van {from.Nl} of {role.Name.Nl} buiten hun grenzen; wissel met een plek die {role.Name.Nl} heeft.",
                $"That would leave the seats of {from.En} or {role.Name.En} outside their limits; swap with a seat that holds {role.Name.En}.");
        }

        row[c.Seat] = c.Role;
        var history = state.Plan.SetItem(round - 1, row.ToImmutable());
        Emit(new RolesPlanned(Rotation.Plan(Scenario, state.Seats.Length, ActiveSeats(), round + 1, history), "assigned"));
        return null;
    }

    public Rejection? Handover(Actor actor, WriteHandoverNote c)
    {
        if (Player(actor) is { } notPlayer)
        {
            return notPlayer;
        }

        var text = c.Text.Trim();
        if (text.Length is 0 or > SessionRules.MaxNoteLength)
        {
            return new Rejection("invalid_note", $"Een tip heeft 1 tot {SessionRules.MaxNoteLength} tekens.", $"A handover note has 1 to {SessionRules.MaxNoteLength} characters.");
        }

        if (state.Flow.Stage is not (Stage.Playing or Stage.RoleSwap) || state.RoleOf(actor.Seat) is not { } role)
        {
            return new Rejection("wrong_phase", "Tips schrijf je tijdens een ronde of bij de rolwissel.", "Handover notes are written during a round or at the role swap.");
        }

        Emit(new HandoverNoteWritten(actor.Seat, role, state.Flow.Round, text));
        return null;
    }

    public Rejection? Reflect(Actor actor, Reflect c)
    {
        if (Player(actor) is { } notPlayer)
        {
            return notPlayer;
        }

        var word = c.Word.Trim();
        if (word.Length is 0 or > SessionRules.MaxWordLength || word.Contains(' '))
        {
            return new Rejection("invalid_word", $"Eén woord van hoogstens {SessionRules.MaxWordLength} tekens.", $"One word of at most {SessionRules.MaxWordLength} characters.");
        }

        if (c.Text.Length > SessionRules.MaxNoteLength)
        {
            return TooLong(Refusals.TextField, SessionRules.MaxNoteLength);
        }

        if (state.Flow.Stage is not (Stage.RoleSwap or Stage.Debrief) || state.RoleIn(actor.Seat, state.Flow.Round) is not { } role)
        {
            return new Rejection("wrong_phase", "Reflecties geef je bij de rolwissel en in de nabespreking.", "Reflections are given at the role swap and in the debrief.");
        }

        Emit(new ReflectionGiven(actor.Seat, role, state.Flow.Round, word, c.Text.Trim()));
        return null;
    }

    // ---- the steps behind the commands -------------------------------------------------

    private void Emit(SessionEvent e)
    {
        events.Add(e);
        state = rules.Evolve(state, e);
    }

    /// <summary>What happens on leaving the current state towards <paramref name="next"/>.</summary>
    private void Leave(FlowState next)
    {
        if (state.Flow.Stage != Stage.Playing)
        {
            return;
        }

        CloseOpenBusiness();
        if (next.Stage != Stage.Playing || next.Round != state.Flow.Round)
        {
            EndRound();
        }
    }

    /// <summary>Closes what belongs to the phase being left: its dilemma, the ballot.</summary>
    private void CloseOpenBusiness()
    {
        if (state.Ballot is not null)
        {
            CloseBallot();
        }

        if (state.OpenDilemma is { } open)
        {
            var dilemma = Scenario.Dilemma(open);
            if (dilemma.Phase == Scenario.Phase(state.Flow.Phase).Id || state.Flow.Phase == Scenario.Rounds.Phases.Length - 1)
            {
                Emit(new DilemmaResolved(dilemma.Id, dilemma.DefaultOption, null, rules.Changes(state, dilemma.Option(dilemma.DefaultOption).Effects), []));
            }
        }
    }

    /// <summary>The round ends: open proposals expire, goals score for the roles held this round.</summary>
    private void EndRound()
    {
        foreach (var proposal in state.Proposals.ToList())
        {
            Emit(new ProposalAnswered(proposal.Id, -1, string.Empty, Rules.Answer.Expire, string.Empty, [], []));
        }

        var scope = rules.Scope(state);
        foreach (var seat in state.Playing.ToList())
        {
            if (state.RoleOf(seat.Id) is not { } role)
            {
                continue;
            }

            foreach (var goal in Scenario.Role(role).Goals.Where(g => g.When.IsTrue(scope)))
            {
                Emit(new GoalScored(seat.Id, role, state.Flow.Round, goal.Id, goal.Points));
            }
        }
    }

    private void Enter(FlowState next)
    {
        var random = state.Random;
        string? draw = null;
        if (next.Stage == Stage.Playing && state.OpenDilemma is null)
        {
            draw = Draw(next, ref random);
        }

        var deadline = next.Stage == Stage.Playing ? now + Scenario.Phase(next.Phase).Duration : (DateTimeOffset?)null;
        Emit(new FlowChanged(next, deadline, null, random));
        if (draw is not null)
        {
            Open(Scenario.Dilemma(draw), injected: false);
        }

        if (next.Stage == Stage.Debrief)
        {
            FinishGame();
        }
    }

    /// <summary>Which dilemma appears on entering a phase: a card for this round first, else one drawn by chance.</summary>
    private string? Draw(FlowState next, ref ulong random)
    {
        var phase = Scenario.Phase(next.Phase).Id;
        var scope = rules.Scope(state with { Flow = next });
        var eligible = Scenario.Dilemmas
            .Where(d => d.Phase == phase && !state.DilemmasSeen.Contains(d.Id))
            .Where(d => d.Round is null || d.Round == next.Round)
            .Where(d => d.Condition is null || d.Condition.IsTrue(scope))
            .ToList();
        if (eligible.FirstOrDefault(d => d.Round == next.Round) is { } fixedCard)
        {
            return fixedCard.Id;
        }

        var drawn = new List<Dilemma>();
        foreach (var dilemma in eligible)
        {
            if (Seeded.NextDouble(ref random) < dilemma.Chance)
            {
                drawn.Add(dilemma);
            }
        }

        if (drawn.Count <= 1)
        {
            return drawn.FirstOrDefault()?.Id;
        }

        var pick = Seeded.NextDouble(ref random) * drawn.Sum(d => d.Chance);
        foreach (var dilemma in drawn)
        {
            pick -= dilemma.Chance;
            if (pick < 0)
            {
                return dilemma.Id;
            }
        }

        return drawn[^1].Id;
    }

    private void Open(Dilemma dilemma, bool injected)
    {
        Emit(new DilemmaDrawn(dilemma.Id, injected));
        if (DecidingRole(dilemma) is null && state.Ballot is null)
        {
            Emit(new BallotOpened(state.NextId, BallotSubject.Dilemma, dilemma.Id, -1, string.Empty, [.. dilemma.Options.Select(o => o.Id)], []));
        }
    }

    /// <summary>The role that decides a dilemma now, or null when the table votes (by design, or because nobody holds the role).</summary>
    private string? DecidingRole(Dilemma dilemma) =>
        dilemma.IsVote || !state.HoldersOf(dilemma.DecidedBy).Any() ? null : dilemma.DecidedBy;

    private void CloseBallot()
    {
        var ballot = state.Ballot!;
        var tally = ballot.Options.ToImmutableDictionary(o => o, o => ballot.Votes.Values.Count(v => v == o));
        var roles = ballot.Votes.Keys.Select(state.RoleOf).OfType<string>();
        if (ballot.Subject == BallotSubject.Action)
        {
            var carried = tally["yes"] > tally["no"];
            var action = Scenario.Action(ballot.SubjectId);
            var credit = carried
                ? ballot.Votes.Where(v => v.Value == "yes").Select(v => state.RoleOf(v.Key)).OfType<string>().Append(ballot.CalledByRole).Distinct().ToImmutableArray()
                : [];
            Emit(new BallotClosed(ballot.Id, carried ? "yes" : null, tally, carried ? rules.Changes(state, action.Effects) : [], credit));
            return;
        }

        var dilemma = Scenario.Dilemma(ballot.SubjectId);
        var best = tally.Values.Max();
        var winner = best == 0 || tally[dilemma.DefaultOption] == best
            ? dilemma.DefaultOption
            : dilemma.Options.First(o => tally[o.Id] == best).Id;
        var voters = best == 0 ? [] : ballot.Votes.Where(v => v.Value == winner).Select(v => state.RoleOf(v.Key)).OfType<string>().Distinct().ToImmutableArray();
        Emit(new BallotClosed(ballot.Id, winner, tally, [], []));
        if (state.OpenDilemma == dilemma.Id)
        {
            Emit(new DilemmaResolved(dilemma.Id, winner, null, rules.Changes(state, dilemma.Option(winner).Effects), voters.IsEmpty ? [.. roles.Distinct()] : voters));
        }
    }

    private void FinishGame()
    {
        var scope = rules.Scope(state);
        var everyRole = state.Plan.SelectMany(row => row).Where(r => r.Length > 0).ToHashSet();
        foreach (var achievement in Scenario.Achievements)
        {
            foreach (var seat in state.Playing.ToList())
            {
                var earned = achievement.Kind switch
                {
                    AchievementKind.HeldEveryRole => everyRole.All(role => Enumerable.Range(1, state.Flow.Round).Any(r => state.RoleIn(seat.Id, r) == role)),
                    AchievementKind.MetricKeptAbove => state.MetricLows[achievement.Metric!] >= achievement.Line,
                    AchievementKind.Condition => achievement.When!.IsTrue(scope),
                    _ => false,
                };
                if (earned && !state.Seats[seat.Id].Achievements.Contains(achievement.Id))
                {
                    Emit(new AchievementEarned(seat.Id, achievement.Id));
                }
            }
        }

        Emit(new GameEnded("played", Scoring.Community(Scenario, state)));
    }

    private void Award(int seat, AchievementKind kind)
    {
        foreach (var achievement in Scenario.Achievements.Where(a => a.Kind == kind))
        {
            if (!state.Seats[seat].Achievements.Contains(achievement.Id))
            {
                Emit(new AchievementEarned(seat, achievement.Id));
            }
        }
    }

    private void Replan(int fromRound, string reason)
    {
        if (fromRound <= Scenario.Rounds.Count && !state.Plan.IsDefaultOrEmpty)
        {
            Emit(new RolesPlanned(Rotation.Plan(Scenario, state.Seats.Length, ActiveSeats(), fromRound, state.Plan), reason));
        }
    }

    private int[] ActiveSeats() => [.. state.Playing.Select(s => s.Id)];

    /// <summary>The first round whose roles are not yet in force.</summary>
    private int NextRound() => state.Flow.Stage is Stage.Lobby or Stage.Briefing ? 1 : state.Flow.Round + 1;

    private Rejection? SeatProblem(int seat) =>
        seat < 0 || seat >= state.Seats.Length ? new Rejection("no_such_seat", $"Er is geen plek {seat}.", $"There is no seat {seat}.")
        : state.Seats[seat].Left ? new Rejection("seat_left", "Deze plek heeft de tafel verlaten.", "This seat has left the table.")
        : null;

    private Rejection? Player(Actor actor) =>
        actor.Kind != ActorKind.Player ? new Rejection("not_a_player", "Alleen een speler aan tafel kan dit.", "Only a seated player can do this.")
        : SeatProblem(actor.Seat);

    /// <summary>A seated player, and the game not paused.</summary>
    private Rejection? PlayerInPlay(Actor actor) =>
        Player(actor) ?? (state.Flow.Paused ? Refusals.Paused : null);

    private static Rejection? Facilitator(Actor actor) =>
        actor.Kind == ActorKind.Player ? new Rejection("not_allowed", "Alleen de begeleider kan dit.", "Only the facilitator can do this.") : null;

    /// <summary>A ballot's options as a person reads them: yes and no, or the dilemma's option labels.</summary>
    private IEnumerable<Text> OptionsOf(Ballot ballot) =>
        ballot.Subject == BallotSubject.Dilemma
            ? Scenario.Dilemma(ballot.SubjectId).Options.Select(o => o.Label)
            : ballot.Options.Select(o => o switch
            {
                "yes" => new Text("ja", "yes"),
                "no" => new Text("nee", "no"),
                _ => new Text(o, o),
            });

    private static Rejection TooLong(Text what, int max) => new("too_long", $"{what.Nl} heeft meer dan {max} tekens.", $"{what.En} has more than {max} characters.");
}
