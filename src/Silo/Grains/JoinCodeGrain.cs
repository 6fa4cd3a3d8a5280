using RegioLab.Sim.Contracts;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>One join code. One activation per code is what makes codes unique.</summary>
internal sealed class JoinCodeGrain(IDocumentStore documents) : Grain, IJoinCodeGrain
{
    private Persisted<JoinCodeState>? claim;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        claim = new Persisted<JoinCodeState>(documents, "join-code", this.GetPrimaryKeyString());
        return claim.LoadAsync(cancellationToken);
    }

    public async Task<bool> ClaimAsync(string workshopId)
    {
        if (claim!.Value is null)
        {
            await claim.SaveAsync(new JoinCodeState(workshopId));
        }

        return claim.Value!.WorkshopId == workshopId;
    }

    public Task<string?> GetWorkshopAsync() => Task.FromResult(claim!.Value?.WorkshopId);

    internal sealed record JoinCodeState(string WorkshopId);
}
