using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>The library's versions through a client of a 3-silo cluster: the next version for a played one, forks, deleting drafts, and the refusals as they cross the wire.</summary>
public sealed class ScenarioLibraryVersionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IScenarioLibraryGrain Library => fixture.Grains.GetGrain<IScenarioLibraryGrain>(0);

    [Fact]
    public async Task A_played_version_uploaded_again_becomes_the_next_version_with_its_version_line_rewritten()
    {
        var (id, yaml) = Scenario();
        Assert.True((await Library.AddVersionAsync($"{id}.yaml", yaml)).Stored);
        var draft = yaml.Replace("Spoorveld", "Stationsveld", StringComparison.Ordinal);
        Assert.Equal(1, (await Library.AddVersionAsync($"{id}.yaml", draft)).Entry!.Ref.Version);

        await Library.MarkUsedAsync(new ScenarioRef(id, 1));
        var next = await Library.AddVersionAsync($"{id}.yaml", yaml);

        Assert.True(next.Stored, string.Join("; ", next.Problems));
        Assert.Equal(new ScenarioRef(id, 2), next.Entry!.Ref);
        Assert.Equal(draft, await Library.GetSourceAsync(new ScenarioRef(id, 1)));
        Assert.Equal(yaml.Replace("version: 1", "version: 2", StringComparison.Ordinal), await Library.GetSourceAsync(new ScenarioRef(id, 2)));
    }

    [Fact]
    public async Task A_fork_is_version_1_of_a_new_id_and_refusals_keep_their_code_and_sentences()
    {
        var id = $"fork_{Guid.NewGuid():N}"[..16];
        var fork = await Library.ForkAsync(new ScenarioRef("buurthuis", 1), id);
        Assert.True(fork.Stored, string.Join("; ", fork.Problems));
        Assert.Equal(new ScenarioRef(id, 1), fork.Entry!.Ref);
        Assert.Equal(BuiltInScenarios.ReadText("buurthuis", 1)!.Replace("id: buurthuis", $"id: {id}", StringComparison.Ordinal), await Library.GetSourceAsync(fork.Entry.Ref));

        var taken = await Library.ForkAsync(new ScenarioRef("buurthuis", 1), id);
        Assert.Equal(Refusals.ScenarioIdTaken(id), taken.Refusal);
        Assert.Equal(RefusalCodes.InvalidScenarioId, (await Library.ForkAsync(new ScenarioRef("buurthuis", 1), "Niet-Goed")).Refusal?.Code);
        Assert.Equal(RefusalCodes.UnknownScenario, (await Library.ForkAsync(new ScenarioRef("buurthuis", 7), $"x{id}")).Refusal?.Code);
    }

    [Fact]
    public async Task A_draft_is_deleted_and_a_played_version_or_a_built_in_is_kept()
    {
        var (id, yaml) = Scenario();
        Assert.True((await Library.AddVersionAsync($"{id}.yaml", yaml)).Stored);
        Assert.Equal(DeleteOutcome.Deleted, await Library.DeleteAsync(new ScenarioRef(id, 1)));
        Assert.Null(await Library.GetSourceAsync(new ScenarioRef(id, 1)));
        Assert.DoesNotContain(await Library.ListAsync(), e => e.Ref.Id == id);
        Assert.Equal(DeleteOutcome.NotFound, await Library.DeleteAsync(new ScenarioRef(id, 1)));

        Assert.True((await Library.AddVersionAsync($"{id}.yaml", yaml)).Stored);
        await Library.MarkUsedAsync(new ScenarioRef(id, 1));
        Assert.Equal(DeleteOutcome.Kept, await Library.DeleteAsync(new ScenarioRef(id, 1)));
        Assert.Equal(DeleteOutcome.Kept, await Library.DeleteAsync(new ScenarioRef("stadstuin", 1)));
        Assert.Equal(yaml, await Library.GetSourceAsync(new ScenarioRef(id, 1)));
    }

    /// <summary>The built-in stadstuin under a new id of its own.</summary>
    private static (string Id, string Yaml) Scenario()
    {
        var id = $"tuin_{Guid.NewGuid():N}"[..16];
        return (id, BuiltInScenarios.ReadText("stadstuin", 1)!.Replace("id: stadstuin", $"id: {id}", StringComparison.Ordinal));
    }
}
