using System.Collections.Immutable;
using System.Globalization;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Balance;

/// <summary>The thresholds a balance report checks its figures against (docs/scenario-format.md, "Balancing a scenario").</summary>
public static class BalanceWarnings
{
    public const string LowShare = "low_share";
    public const string LowPremium = "low_premium";
    public const string GreedyOnTop = "greedy_on_top";
    public const string Unused = "unused";
    public const string RandomOnly = "random_only";
    public const string Pinned = "pinned";
    public const string ShortRotation = "short_rotation";

    /// <summary>A role whose mean contribution share (over all three bot kinds) is below this does too little.</summary>
    public const double MinShare = 0.15;

    /// <summary>Cooperating should pay at least this much more than greed (<see cref="BalanceFigures.Premium"/>).</summary>
    public const double MinPremium = 0.20;

    /// <summary>A role whose greedy holders end on top in more than this share of greedy games is too strong.</summary>
    public const double MaxOnTop = 0.60;

    /// <summary>A metric ending at its min or max in more than this share of all games has too small a range.</summary>
    public const double MaxPinned = 0.50;

    /// <summary>The warnings of a report: per player count (share, premium, greed, pinned metrics, rotation), then content.</summary>
    public static ImmutableArray<BalanceWarning> Of(Scenario scenario, ImmutableArray<PlayerCountFigures> tables, ImmutableArray<ContentUse> content)
    {
        var warnings = ImmutableArray.CreateBuilder<BalanceWarning>();
        foreach (var table in tables)
        {
            var n = table.Players;
            for (var r = 0; r < scenario.Roles.Length; r++)
            {
                var role = scenario.Roles[r].Id;
                var share = table.Bots.Average(b => b.Roles[r].ContributionShare);
                var held = table.Bots.Any(b => b.Roles[r].RoundsHeld > 0);
                if (held && share < MinShare)
                {
                    warnings.Add(new BalanceWarning(LowShare, new Text(
                        $"Rol '{role}' levert bij {n} spelers maar {Percent(share)} van de beweging van de gedeelde indicatoren (minder dan {Percent(MinShare)}): geef de rol acties of beslissingen die meer bewegen.",
                        $"Role '{role}' causes only {Percent(share)} of the shared metrics' movement with {n} players (below {Percent(MinShare)}): give it actions or decisions that move more."),
                        role, n, null));
                }

                var greedy = table.Bots[1].Roles[r].OnTop;
                if (greedy > MaxOnTop)
                {
                    warnings.Add(new BalanceWarning(GreedyOnTop, new Text(
                        $"Een hebzuchtige '{role}' eindigt bij {n} spelers in {Percent(greedy)} van de spellen bovenaan (meer dan {Percent(MaxOnTop)}): de doelen van deze rol zijn te makkelijk of die van de andere te moeilijk.",
                        $"A greedy '{role}' ends on top in {Percent(greedy)} of the games with {n} players (above {Percent(MaxOnTop)}): this role's goals are too easy, or the others' too hard."),
                        role, n, "greedy"));
                }
            }

            if (table.CooperationPremium < MinPremium)
            {
                warnings.Add(new BalanceWarning(LowPremium, new Text(
                    $"Samenwerken levert bij {n} spelers maar {Percent(table.CooperationPremium)} meer op dan hebzucht (minder dan {Percent(MinPremium)}): beloon gedeelde doelen en voorstellen die anderen aannemen.",
                    $"Cooperating pays only {Percent(table.CooperationPremium)} more than greed with {n} players (below {Percent(MinPremium)}): reward shared goals and proposals others accept."),
                    "community_score", n, null));
            }

            foreach (var metric in scenario.Metrics)
            {
                var figures = table.Bots.Select(b => b.Metrics.First(m => m.Metric == metric.Id)).ToArray();
                var pinned = table.Bots.Select((b, i) => (figures[i].PinnedAtMin + figures[i].PinnedAtMax) * b.Games).Sum() / Math.Max(1, table.Bots.Sum(b => b.Games));
                if (pinned > MaxPinned)
                {
                    warnings.Add(new BalanceWarning(Pinned, new Text(
                        $"Indicator '{metric.Id}' eindigt bij {n} spelers in {Percent(pinned)} van de spellen op zijn minimum of maximum: verruim het bereik of verklein de effecten.",
                        $"Metric '{metric.Id}' ends at its min or max in {Percent(pinned)} of the games with {n} players: widen its range or make the effects smaller."),
                        metric.Id, n, null));
                }
            }

            var inPlay = Math.Min(scenario.Rounds.Count, RolesInPlay(scenario, n));
            var fewest = table.Bots.Min(b => b.FewestRolesHeld);
            if (scenario.Rotation == RotationMode.Rotate && fewest < inPlay - 1)
            {
                warnings.Add(new BalanceWarning(ShortRotation, new Text(
                    $"Bij {n} spelers houdt een plek maar {fewest} verschillende rollen (minder dan {inPlay - 1}): niet iedereen ervaart de andere kant.",
                    $"With {n} players a seat holds only {fewest} different roles (fewer than {inPlay - 1}): not everyone feels the other side."),
                    "rotation", n, null));
            }
        }

        foreach (var item in content)
        {
            var noun = Noun(item.Kind);
            if (item.Random + item.Greedy + item.Cooperative == 0)
            {
                warnings.Add(new BalanceWarning(Unused, item.Kind == ContentKind.Dilemma
                    ? new Text($"Dilemma '{item.Id}' kwam in geen enkel spel op tafel: controleer zijn 'when'.", $"Dilemma '{item.Id}' never came up in any game: check its 'when'.")
                    : new Text($"{noun.Nl} '{item.Id}' werd door geen enkele bot gekozen: maak het goedkoper, nuttiger of beschikbaar in meer fases.", $"{noun.En} '{item.Id}' was never chosen by any bot: make it cheaper, more useful or available in more phases."),
                    item.Id, null, null));
            }
            else if (item.Kind != ContentKind.Dilemma && item.Greedy + item.Cooperative == 0)
            {
                warnings.Add(new BalanceWarning(RandomOnly, new Text(
                    $"{noun.Nl} '{item.Id}' wordt alleen door willekeurige bots gekozen: voor wie doelgericht speelt loont het nooit; geef het een effect dat iemands doel of de gemeenschap dient.",
                    $"{noun.En} '{item.Id}' is only chosen by random bots: it never pays for a player with a purpose; give it an effect that serves someone's goal or the community."),
                    item.Id, null, "random"));
            }
        }

        return warnings.ToImmutable();
    }

    /// <summary>How many different roles a table of <paramref name="players"/> has in play: at most one per seat, at most the roles there are.</summary>
    private static int RolesInPlay(Scenario scenario, int players) => Math.Min(players, scenario.Roles.Length);

    private static Text Noun(ContentKind kind) => kind switch
    {
        ContentKind.Proposal => new Text("Voorstel", "Proposal"),
        ContentKind.Vote => new Text("Stemming", "Vote"),
        ContentKind.Option => new Text("Keuze", "Option"),
        ContentKind.Dilemma => new Text("Dilemma", "Dilemma"),
        _ => new Text("Actie", "Action"),
    };

    private static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);
}
