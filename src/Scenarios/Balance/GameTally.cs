using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;

namespace RegioLab.Sim.Scenarios.Balance;

/// <summary>
/// What one bot game adds to the balance report, folded from its events as they are appended.
/// Arrays are indexed like <see cref="BalanceContent"/> (roles, metrics, shared goals, content).
/// </summary>
public sealed class GameTally
{
    private readonly BalanceContent content;
    private FlowState flow = FlowState.Lobby;

    public GameTally(BalanceContent content)
    {
        this.content = content;
        var rounds = content.Scenario.Rounds.Count;
        RolePoints = new int[content.Roles.Length];
        HolderRounds = new int[content.Roles.Length];
        Contribution = new double[content.Roles.Length];
        Chosen = new int[content.Items.Length];
        Final = new double[content.Metrics.Length];
        AtRoundEnd = new double[rounds, content.Metrics.Length];
        GoalsMetAtRoundEnd = new bool[rounds, content.SharedGoals.Length];
    }

    public double Score { get; private set; }

    public int Events { get; private set; }

    /// <summary>Goal points earned by the holders of each role (summed over seats and rounds).</summary>
    public int[] RolePoints { get; }

    /// <summary>How many (seat, round) pairs held each role.</summary>
    public int[] HolderRounds { get; }

    /// <summary>Each role's contribution share in this game (0–1; all 0 when no shared metric moved).</summary>
    public double[] Contribution { get; }

    /// <summary>How often each action, proposal, vote, option and dilemma was chosen (drawn, for a dilemma).</summary>
    public int[] Chosen { get; }

    public int Accepted { get; private set; }

    public int Countered { get; private set; }

    public int Rejected { get; private set; }

    public int Expired { get; private set; }

    public int BallotsCalled { get; private set; }

    public int BallotsCarried { get; private set; }

    public double[] Final { get; }

    /// <summary>Each metric's value as each round ended ([round − 1, metric]).</summary>
    public double[,] AtRoundEnd { get; }

    /// <summary>Whether each shared goal held as each round ended ([round − 1, goal]).</summary>
    public bool[,] GoalsMetAtRoundEnd { get; }

    /// <summary>The fewest different roles any seat held.</summary>
    public int FewestRolesHeld { get; private set; }

    /// <summary>Each seat's different roles held ÷ the most it could hold, averaged over seats (0–1).</summary>
    public double RotationCoverage { get; private set; }

    /// <summary>The role whose holders earned most goal points per round held, or −1 on a tie or when nobody scored.</summary>
    public int TopRole { get; private set; } = -1;

    /// <summary>Sees one appended event and the state it made.</summary>
    public void Observe(TableEvent e, TableState state)
    {
        switch (e)
        {
            case ActionTaken a:
                Chosen[content.ActionIndex[a.Action]]++;
                break;
            case ProposalMade p:
                Chosen[content.ActionIndex[p.Action]]++;
                break;
            case BallotOpened { Subject: BallotSubject.Action } b:
                Chosen[content.ActionIndex[b.SubjectId]]++;
                BallotsCalled++;
                break;
            case BallotClosed { Outcome: "yes" }:
                BallotsCarried++;
                break;
            case ProposalAnswered answered:
                _ = answered.Answer switch
                {
                    Answer.Accept => Accepted++,
                    Answer.Counter => Countered++,
                    Answer.Reject => Rejected++,
                    _ => Expired++,
                };
                break;
            case DilemmaDrawn d:
                Chosen[content.DilemmaIndex[d.Dilemma]]++;
                break;
            case DilemmaResolved r when r.Seat is not null || !r.Credit.IsDefaultOrEmpty:
                // A default applied because nobody chose is not a choice.
                Chosen[content.OptionIndex[(r.Dilemma, r.Option)]]++;
                break;
            case GoalScored g:
                RolePoints[content.RoleIndex[g.Role]] += g.Points;
                break;
            case FlowChanged f:
                if (flow.Stage == Stage.Playing && (f.Flow.Stage != Stage.Playing || f.Flow.Round != flow.Round) && flow.Round >= 1)
                {
                    RoundEnded(flow.Round, state);
                }

                flow = f.Flow;
                break;
        }
    }

    /// <summary>Takes what only the finished game knows: score, length, roles held, contribution.</summary>
    public void Finish(GameResult game)
    {
        Score = game.CommunityScore;
        Events = game.Log.Count;
        for (var m = 0; m < Final.Length; m++)
        {
            Final[m] = game.Metrics[content.Metrics[m].Id];
        }

        for (var r = 0; r < Contribution.Length; r++)
        {
            Contribution[r] = game.Contribution.GetValueOrDefault(content.Roles[r].Id);
        }

        var fewest = int.MaxValue;
        var coverage = 0.0;
        var inPlay = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seat in game.Seats)
        {
            foreach (var role in seat.Roles)
            {
                if (role.Length > 0)
                {
                    inPlay.Add(role);
                    HolderRounds[content.RoleIndex[role]]++;
                }
            }
        }

        var possible = Math.Max(1, Math.Min(game.Rounds, inPlay.Count));
        foreach (var seat in game.Seats)
        {
            var held = seat.Roles.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Count();
            fewest = Math.Min(fewest, held);
            coverage += Math.Min(1.0, (double)held / possible);
        }

        FewestRolesHeld = fewest == int.MaxValue ? 0 : fewest;
        RotationCoverage = game.Seats.IsEmpty ? 0 : coverage / game.Seats.Length;
        TopRole = Top();
    }

    private int Top()
    {
        var best = -1;
        var bestRate = 0.0;
        var tie = false;
        for (var r = 0; r < RolePoints.Length; r++)
        {
            if (HolderRounds[r] == 0)
            {
                continue;
            }

            var rate = (double)RolePoints[r] / HolderRounds[r];
            if (rate > bestRate + 1e-9)
            {
                best = r;
                bestRate = rate;
                tie = false;
            }
            else if (best >= 0 && Math.Abs(rate - bestRate) <= 1e-9)
            {
                tie = true;
            }
        }

        return tie ? -1 : best;
    }

    private void RoundEnded(int round, TableState state)
    {
        if (round > AtRoundEnd.GetLength(0))
        {
            return;
        }

        for (var m = 0; m < content.Metrics.Length; m++)
        {
            AtRoundEnd[round - 1, m] = state.Metrics[content.Metrics[m].Id];
        }

        var scope = new StateScope(state, content.Scenario.Rounds.Count);
        for (var g = 0; g < content.SharedGoals.Length; g++)
        {
            GoalsMetAtRoundEnd[round - 1, g] = content.SharedGoals[g].When.IsTrue(scope);
        }
    }
}
