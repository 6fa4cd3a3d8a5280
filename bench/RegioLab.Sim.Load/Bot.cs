namespace RegioLab.Sim.Load;

/// <summary>
/// The view bot of tests/Web.Tests/ViewBot.cs, on what <see cref="SeatUpdateReader"/> keeps of a
/// view: decide my dilemma, vote, accept proposals addressed to me, take each available action
/// once a phase, and at the role swap write a handover note and a reflection. It also remembers
/// what it already did for a ballot, proposal or dilemma, so a view that is a moment behind does
/// not make it send the same answer twice.
/// </summary>
public sealed class Bot
{
    private readonly HashSet<(string Kind, int Round, int Phase, string Id)> done = [];

    /// <summary>The command for this view, or null when the view offers nothing to do.</summary>
    public Command? Choose(SeatUpdate? view)
    {
        if (view is null || view.Paused)
        {
            return null;
        }

        var (round, phase) = (view.Round, view.Phase);
        if (view.Stage == Stage.RoleSwap && view.HasRole)
        {
            if (done.Add(("note", round, phase, "")))
            {
                return new Command("write_handover_note") { Text = "Let op het budget." };
            }

            if (done.Add(("reflect", round, phase, "")))
            {
                return new Command("reflect") { Word = "leerzaam", Text = "" };
            }
        }

        if (view.Stage != Stage.Playing)
        {
            return null;
        }

        if (view.DilemmaOption is { } option && done.Add(("dilemma", round, phase, option)))
        {
            return new Command("resolve_dilemma") { Option = option };
        }

        if (view.BallotId >= 0 && done.Add(("vote", 0, 0, view.BallotId.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            return new Command("cast_vote") { Ballot = view.BallotId, Option = view.BallotOption };
        }

        if (view.ProposalToAnswer >= 0 && done.Add(("answer", 0, 0, view.ProposalToAnswer.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            return new Command("answer_proposal") { Proposal = view.ProposalToAnswer, Answer = "accept", Note = "" };
        }

        foreach (var action in view.AvailableActions ?? [])
        {
            if (done.Add(("act", round, phase, action)))
            {
                return new Command("act") { Action = action, Note = "" };
            }
        }

        return null;
    }
}
