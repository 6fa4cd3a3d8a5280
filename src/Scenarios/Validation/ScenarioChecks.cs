using RegioLab.Sim.Scenarios.Expressions;
using RegioLab.Sim.Scenarios.Format;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Validation;

/// <summary>
/// The checks that need the whole scenario: duplicate ids, references, formula names,
/// seats against player counts, and content that can never be used.
/// </summary>
internal sealed class ScenarioChecks(string file, List<Diagnostic> diagnostics, ScenarioReader reader)
{
    public void Run(Scenario scenario)
    {
        Unique(scenario.Metrics, m => m.Id, "metric");
        Unique(scenario.Roles, r => r.Id, "role");
        Unique(scenario.Rounds.Phases, p => p.Id, "phase");
        Unique(scenario.Actions, a => a.Id, "action");
        Unique(scenario.Dilemmas, d => d.Id, "dilemma");
        Unique(scenario.SharedGoals, g => g.Id, "shared goal");
        Unique(scenario.Achievements, a => a.Id, "achievement");
        foreach (var role in scenario.Roles)
        {
            Unique(role.Resources, r => r.Id, $"resource of role '{role.Id}'");
            Unique(role.Goals, g => g.Id, $"goal of role '{role.Id}'");
        }

        foreach (var dilemma in scenario.Dilemmas)
        {
            Unique(dilemma.Options, o => o.Id, $"option of dilemma '{dilemma.Id}'");
        }

        foreach (var reference in reader.References)
        {
            CheckReference(scenario, reference);
        }

        var names = FormulaNames(scenario);
        foreach (var (item, node) in reader.Positions)
        {
            if (item is Formula formula)
            {
                CheckFormula(scenario, formula, node, names);
            }
        }

        CheckSeats(scenario);
        CheckUse(scenario);
    }

    private void Unique<T>(IEnumerable<T> items, Func<T, string> id, string what)
        where T : class
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.Add(id(item)) && reader.Positions.TryGetValue(item, out var node))
            {
                Error(node, Codes.DuplicateId, $"the {what} id '{id(item)}' is used twice; ids must be unique");
            }
        }
    }

    private void CheckReference(Scenario scenario, Reference reference)
    {
        var roles = scenario.Roles.Select(r => r.Id).ToList();
        switch (reference.Kind)
        {
            case ReferenceKind.Role:
                Expect(reference, roles, Codes.UnknownRole, "role");
                break;
            case ReferenceKind.RoleOrVote:
                Expect(reference, [.. roles, Dilemma.ByVote], Codes.UnknownRole, "role (or 'vote')");
                break;
            case ReferenceKind.Metric:
                Expect(reference, scenario.Metrics.Select(m => m.Id), Codes.UnknownMetric, "metric");
                break;
            case ReferenceKind.Phase:
                Expect(reference, scenario.Rounds.Phases.Select(p => p.Id), Codes.UnknownPhase, "phase");
                break;
            case ReferenceKind.OwnResource:
                if (scenario.Roles.FirstOrDefault(r => r.Id == reference.Owner) is { } owner)
                {
                    Expect(reference, owner.Resources.Select(r => r.Id), Codes.UnknownResource, $"resource of role '{owner.Id}' (a cost is paid from the acting role's own resources)");
                }

                break;
            case ReferenceKind.EffectTarget:
                var target = EffectTarget.Parse(reference.Name);
                if (target.IsMetric)
                {
                    Expect(reference, scenario.Metrics.Select(m => m.Id), Codes.UnknownMetric, "metric (or role.resource)");
                }
                else if (scenario.Roles.FirstOrDefault(r => r.Id == target.Role) is not { } role)
                {
                    Error(reference.Node, Codes.UnknownRole, $"'{target.Role}' in '{reference.Name}' is not a role{Suggest.DidYouMean(target.Role!, roles)}");
                }
                else if (!role.Resources.Any(r => r.Id == target.Id))
                {
                    Error(reference.Node, Codes.UnknownResource, $"role '{role.Id}' has no resource '{target.Id}'{Suggest.DidYouMean(target.Id, role.Resources.Select(r => r.Id))}");
                }

                break;
        }
    }

    private void Expect(Reference reference, IEnumerable<string> known, string code, string what)
    {
        var list = known.ToList();
        if (!list.Contains(reference.Name))
        {
            Error(reference.Node, code, $"'{reference.Name}' is not a known {what}{Suggest.DidYouMean(reference.Name, list)}; known: {(list.Count == 0 ? "none" : string.Join(", ", list))}");
        }
    }

    private static HashSet<string> FormulaNames(Scenario scenario)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "round", "rounds" };
        names.UnionWith(scenario.Metrics.Select(m => m.Id));
        names.UnionWith(scenario.Roles.SelectMany(r => r.Resources.Select(x => EffectTarget.ResourceKey(r.Id, x.Id))));
        return names;
    }

    private void CheckFormula(Scenario scenario, Formula formula, YamlNode node, HashSet<string> names)
    {
        foreach (var name in formula.Names.Where(n => !names.Contains(n)))
        {
            if (ResourceElsewhere(scenario, formula, node, name) is { } elsewhere)
            {
                diagnostics.Add(elsewhere);
                continue;
            }

            var hint = name.Contains('.') || !names.Contains(name) && names.Any(n => n.EndsWith("." + name, StringComparison.Ordinal))
                ? " (a resource is written [role.resource])"
                : string.Empty;
            Error(node, Codes.FormulaUnknownName, $"the formula \"{formula.Source}\" reads '{name}', which is no metric, [role.resource], round or rounds{Suggest.DidYouMean(name, names)}{hint}");
        }

        foreach (var function in formula.Functions.Where(f => !Formula.AllowedFunctions.Contains(f)))
        {
            Error(node, Codes.FormulaUnknownFunction, $"the formula \"{formula.Source}\" calls '{function}', which is not allowed{Suggest.DidYouMean(function, Formula.AllowedFunctions)}; allowed: {string.Join(", ", Formula.AllowedFunctions)}");
        }
    }

    /// <summary>
    /// A name that is a resource, but not where the formula looks: <c>[official.grant]</c> when another role has
    /// <c>grant</c>, or a bare <c>grant</c>. The error names the role that has it and gives the formula that reads it.
    /// </summary>
    private Diagnostic? ResourceElsewhere(Scenario scenario, Formula formula, YamlNode node, string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var resource = dot < 0 ? name : name[(dot + 1)..];
        var owners = scenario.Roles.Where(r => r.Resources.Any(x => x.Id == resource)).Select(r => r.Id).ToList();
        if (owners.Count == 0)
        {
            return null;
        }

        var written = dot < 0 ? name : $"[{name}]";
        var instead = $"[{owners[0]}.{resource}]";
        var holders = owners.Count == 1 ? $"role '{owners[0]}'" : $"roles {string.Join(", ", owners.Select(o => $"'{o}'"))}";
        var said = dot < 0
            ? $"the formula \"{formula.Source}\" reads '{name}', which is a resource of {holders}; a resource is written [role.resource]: {instead}"
            : $"the formula \"{formula.Source}\" reads {written}, but role '{name[..dot]}' has no resource '{resource}'; it belongs to {holders}: {instead}";
        var repaired = dot < 0
            ? System.Text.RegularExpressions.Regex.Replace(formula.Source, $@"(?<![\w.\[]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\w.\]])", instead)
            : formula.Source.Replace(written, instead, StringComparison.Ordinal);
        var fix = owners.Count == 1 ? (node is YamlScalar { Quoted: true } || repaired.StartsWith('[') ? $"\"{repaired}\"" : repaired) : null;
        return new Diagnostic(file, node.Line, node.Column, Severity.Error, Codes.FormulaUnknownName, said, fix);
    }

    private void CheckSeats(Scenario scenario)
    {
        var min = scenario.Roles.Sum(r => r.SeatsMin);
        var max = scenario.Roles.Sum(r => r.SeatsMax);
        var where = reader.Positions.TryGetValue(scenario.Roles.FirstOrDefault() ?? (object)scenario, out var node) ? node : null;
        if (where is null)
        {
            return;
        }

        foreach (var role in scenario.Roles.Where(r => r.SeatsMin > r.SeatsMax))
        {
            Error(reader.Positions[role], Codes.MinAboveMax, $"role '{role.Id}' has seats min {role.SeatsMin} above max {role.SeatsMax}");
        }

        if (!reader.PlayersKnown)
        {
            return;
        }

        if (min > scenario.Players.Min)
        {
            Error(where, Codes.SeatsCannotHoldPlayers, $"the roles need at least {min} players (sum of seats.min) but players.min is {scenario.Players.Min}");
        }

        if (max < scenario.Players.Max)
        {
            Error(where, Codes.SeatsCannotHoldPlayers, $"the roles seat at most {max} players (sum of seats.max) but players.max is {scenario.Players.Max}");
        }
    }

    private void CheckUse(Scenario scenario)
    {
        foreach (var role in scenario.Roles.Where(r => !scenario.Actions.Any(a => a.Role == r.Id)))
        {
            Warning(reader.Positions[role], Codes.RoleWithoutActions, $"role '{role.Id}' has no actions; its holder can only watch");
        }

        foreach (var phase in scenario.Rounds.Phases.Where(p => !scenario.Actions.Any(a => a.Phases.Contains(p.Id)) && !scenario.Dilemmas.Any(d => d.Phase == p.Id)))
        {
            Warning(reader.Positions[phase], Codes.UnusedPhase, $"no action and no dilemma uses phase '{phase.Id}'; players can only wait in it");
        }
    }

    private void Error(YamlNode node, string code, string message) =>
        diagnostics.Add(new Diagnostic(file, node.Line, node.Column, Severity.Error, code, message));

    private void Warning(YamlNode node, string code, string message) =>
        diagnostics.Add(new Diagnostic(file, node.Line, node.Column, Severity.Warning, code, message));
}
