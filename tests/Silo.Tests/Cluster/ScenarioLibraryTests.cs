using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>The scenario library grain: uploads are validated, versioned, kept, and a version a table used never changes.</summary>
public sealed class ScenarioLibraryTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private IScenarioLibraryGrain Library => fixture.Grains.GetGrain<IScenarioLibraryGrain>(0);

    [Fact]
    public async Task An_upload_is_stored_listed_and_read_back_byte_for_byte()
    {
        var (id, yaml) = Scenario();
        var result = await Library.UploadAsync($"{id}.yaml", yaml);

        Assert.True(result.Stored, string.Join("; ", result.Problems));
        Assert.Contains(await Library.ListAsync(), e => e.Ref == new ScenarioRef(id, 1) && !e.BuiltIn && !e.InUse);
        Assert.Equal(yaml, await Library.GetSourceAsync(new ScenarioRef(id, 1)));
    }

    [Fact]
    public async Task An_invalid_upload_stores_nothing_and_says_where()
    {
        var (id, yaml) = Scenario();
        var broken = yaml.Replace("version: 1", "version: one", StringComparison.Ordinal);
        var result = await Library.UploadAsync($"{id}.yaml", broken);

        Assert.False(result.Stored);
        var problem = Assert.Single(result.Problems, p => p.Severity == "error");
        Assert.Equal(4, problem.Line);
        Assert.DoesNotContain(await Library.ListAsync(), e => e.Ref.Id == id);
    }

    [Fact]
    public async Task A_built_in_id_and_a_used_version_are_refused_with_their_codes()
    {
        var builtIn = await Library.UploadAsync("stadstuin.yaml", BuiltInScenarios.ReadText("stadstuin", 1)!);
        Assert.Equal(RefusalCodes.BuiltInId, Assert.Single(builtIn.Problems).Code);

        var (id, yaml) = Scenario();
        Assert.True((await Library.UploadAsync($"{id}.yaml", yaml)).Stored);
        await Library.MarkUsedAsync(new ScenarioRef(id, 1));
        var again = await Library.UploadAsync($"{id}.yaml", yaml.Replace("Spoorveld", "Stationsveld", StringComparison.Ordinal));

        Assert.False(again.Stored);
        Assert.Equal(RefusalCodes.VersionInUse, Assert.Single(again.Problems).Code);
        Assert.Equal(yaml, await Library.GetSourceAsync(new ScenarioRef(id, 1)));
    }

    /// <summary>The built-in stadstuin under a new id of its own.</summary>
    private static (string Id, string Yaml) Scenario()
    {
        var id = $"tuin_{Guid.NewGuid():N}"[..16];
        return (id, BuiltInScenarios.ReadText("stadstuin", 1)!.Replace("id: stadstuin", $"id: {id}", StringComparison.Ordinal));
    }
}
