using RegioLab.Sim.Contracts;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>One join code. One activation per code is what makes codes unique.</summary>
internal sealed class JoinCodeGrain(IDocumentStore documents) : Grain, IJoinCodeGrain
{
    /// <summary>The kind of the code's document: a workshop's erasure deletes it with the workshop.</summary>
    internal const string Kind = "join-code";

    private Persisted<JoinCodeState>? claim;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        claim = new Persisted<JoinCodeState>(documents, Kind, this.GetPrimaryKeyString());
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
