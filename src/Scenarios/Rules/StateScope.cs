using RegioLab.Sim.Scenarios.Expressions;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>What a formula reads from a session state: metrics, "role.resource", round and rounds.</summary>
internal readonly struct StateScope(TableState state, int rounds) : IFormulaScope
{
    public bool TryGet(string name, out double value)
    {
        if (state.Metrics.TryGetValue(name, out value) || state.Resources.TryGetValue(name, out value))
        {
            return true;
        }

        switch (name)
        {
            case "round":
                value = Math.Max(1, state.Flow.Round);
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
