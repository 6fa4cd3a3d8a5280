using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>How a vote is counted when it closes, and what its outcome changes.</summary>
internal static class BallotTally
{
    /// <summary>The options of a vote on an action.</summary>
    public static readonly ImmutableArray<string> YesNo = ["yes", "no"];

    private static readonly Text Yes = new("ja", "yes");

    private static readonly Text No = new("nee", "no");

    /// <summary>
    /// The outcome of a closed ballot. <see cref="Winner"/> is null when an action's vote did not carry;
    /// for a dilemma, <see cref="Dilemma"/> is the card and <see cref="DilemmaCredit"/> the roles credited with its decision.
    /// </summary>
    public sealed record Outcome(
        int Ballot,
        string? Winner,
        ImmutableDictionary<string, int> Tally,
        ImmutableArray<Change> Changes,
        ImmutableArray<string> Credit,
        Dilemma? Dilemma,
        ImmutableArray<string> DilemmaCredit);

    /// <summary>
    /// An action carries with more yes than no; its effects are credited to the role that called it
    /// and the roles that voted yes. A dilemma goes to the option with most votes; a tie that includes
    /// the default option, or no votes at all, goes to the default; its effects are credited to the
    /// roles that voted for the winner (or, when nobody did, to every role that voted).
    /// </summary>
    public static Outcome Count(TableRules rules, TableState state, Ballot ballot)
    {
        var scenario = rules.Scenario;
        var tally = ballot.Options.ToImmutableDictionary(o => o, o => ballot.Votes.Values.Count(v => v == o));
        if (ballot.Subject == BallotSubject.Action)
        {
            var carried = tally["yes"] > tally["no"];
            var credit = carried
                ? ballot.Votes.Where(v => v.Value == "yes").Select(v => state.RoleOf(v.Key)).OfType<string>().Append(ballot.CalledByRole).Distinct().ToImmutableArray()
                : [];
            var changes = carried ? rules.Changes(state, scenario.Action(ballot.SubjectId).Effects) : [];
            return new Outcome(ballot.Id, carried ? "yes" : null, tally, changes, credit, null, []);
        }

        var dilemma = scenario.Dilemma(ballot.SubjectId);
        var best = tally.Values.Max();
        var winner = best == 0 || tally[dilemma.DefaultOption] == best
            ? dilemma.DefaultOption
            : dilemma.Options.First(o => tally[o.Id] == best).Id;
        var voters = best == 0 ? [] : ballot.Votes.Where(v => v.Value == winner).Select(v => state.RoleOf(v.Key)).OfType<string>().Distinct().ToImmutableArray();
        var everyVoter = ballot.Votes.Keys.Select(state.RoleOf).OfType<string>().Distinct().ToImmutableArray();
        return new Outcome(ballot.Id, winner, tally, [], [], dilemma, voters.IsEmpty ? everyVoter : voters);
    }

    /// <summary>A ballot's options as a person reads them: yes and no, or the dilemma's option labels.</summary>
    public static IEnumerable<Text> OptionLabels(Scenario scenario, Ballot ballot) =>
        ballot.Subject == BallotSubject.Dilemma
            ? scenario.Dilemma(ballot.SubjectId).Options.Select(o => o.Label)
            : ballot.Options.Select(o => o switch
            {
                "yes" => Yes,
                "no" => No,
                _ => new Text(o, o),
            });
}
