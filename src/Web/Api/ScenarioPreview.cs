using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// POST /api/scenarios/preview: a file as its players will see it, in the very messages the play page
/// receives — the outline (<see cref="ScenarioInfo"/>), every role's brief (<see cref="Visibility.EveryBrief"/>),
/// each role's card with its starting resources, the metrics at their start, every dilemma card
/// (<see cref="Visibility.DilemmaOf"/>, as the role that decides it sees it; a vote as every player does) and which actions each phase offers.
/// </summary>
public sealed record ScenarioPreview(
    ScenarioInfo Scenario,
    ImmutableArray<RoleBrief> Briefs,
    ImmutableArray<RoleCard> Roles,
    ImmutableArray<MetricView> Metrics,
    ImmutableArray<DilemmaView> Dilemmas,
    ImmutableArray<PhaseActions> Phases)
{
    public static ScenarioPreview Of(TableRules rules)
    {
        var s = rules.Scenario;
        return new(
            ScenarioInfo.Of(rules),
            Visibility.EveryBrief(rules),
            [.. s.Roles.Select(r => new RoleCard(r.Id, [.. r.Resources.Select(x => new ResourceView(x.Id, x.Start))], []))],
            [.. s.Metrics.Select(m => new MetricView(m.Id, m.Start, 0))],
            [.. s.Dilemmas.Select(d => Visibility.DilemmaOf(d, d.DecidedBy, d.IsVote ? null : d.DecidedBy))],
            [.. s.Rounds.Phases.Select(p => new PhaseActions(p.Id, [.. s.Actions.Where(a => a.Phases.Contains(p.Id)).Select(a => a.Id)]))]);
    }
}

/// <summary>The actions that may be taken in one phase, by id, in the file's order.</summary>
public sealed record PhaseActions(string Phase, ImmutableArray<string> Actions);

/// <summary>POST /api/scenarios/preview: the validator's report and, when the file loads, what players will see.</summary>
public sealed record PreviewReport(bool Valid, int Errors, int Warnings, DiagnosticView[] Diagnostics, ScenarioPreview? Preview);
