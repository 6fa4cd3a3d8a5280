using System.Collections.Immutable;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Format;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>
/// The scenario library: the built-ins (from the build) and uploaded files, each version stored
/// durably. An upload may replace (or delete) a version no table has used; a used version never changes.
/// </summary>
internal sealed class ScenarioLibraryGrain(IDocumentStore documents, TimeProvider time) : Grain, IScenarioLibraryGrain
{
    private const string SourceKind = "scenario-source";

    private ImmutableArray<ScenarioEntry> builtIns = [];
    private Persisted<LibraryIndex>? index;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        builtIns = [.. BuiltInScenarios.Ids
            .Select(ScenarioLoader.LoadBuiltIn)
            .Where(r => r.Scenario is not null)
            .Select(r => new ScenarioEntry(new ScenarioRef(r.Scenario!.Id, r.Scenario.Version), r.Scenario.Title, r.Scenario.Summary, true, false, null))];
        index = new Persisted<LibraryIndex>(documents, "scenario-library", "index");
        await index.LoadAsync(cancellationToken);
    }

    public Task<ImmutableArray<ScenarioEntry>> ListAsync() =>
        Task.FromResult(builtIns.AddRange(Uploaded.OrderBy(e => e.Ref.Id, StringComparer.Ordinal).ThenBy(e => e.Ref.Version)));

    public Task<UploadResult> UploadAsync(string fileName, string yaml) => StoreAsync(fileName, yaml, renumberWhenUsed: false);

    public Task<UploadResult> AddVersionAsync(string fileName, string yaml) => StoreAsync(fileName, yaml, renumberWhenUsed: true);

    public async Task<UploadResult> ForkAsync(ScenarioRef from, string newId)
    {
        if (!ScenarioSource.IsValidId(newId))
        {
            return Refused(Refusals.InvalidScenarioId);
        }

        if (builtIns.Any(b => b.Ref.Id == newId) || Uploaded.Any(e => e.Ref.Id == newId))
        {
            return Refused(Refusals.ScenarioIdTaken(newId));
        }

        if (await GetSourceAsync(from) is not { } source)
        {
            return Refused(Refusals.UnknownScenario(from.Id, from.Version));
        }

        var forked = ScenarioSource.WithVersion(ScenarioSource.WithId(source, newId), 1);
        if (ScenarioLoader.LoadText(forked, $"{newId}.yaml").Scenario is not { Version: 1 } copy || copy.Id != newId)
        {
            // Only a block-style file's top-level id and version lines are rewritten; anything else is the author's to edit.
            return Refused(Refusals.InvalidScenario);
        }

        return await StoreAsync($"{newId}.yaml", forked, renumberWhenUsed: false);
    }

    public async Task<DeleteOutcome> DeleteAsync(ScenarioRef scenario)
    {
        if (BuiltInScenarios.ReadText(scenario.Id, scenario.Version) is not null)
        {
            return DeleteOutcome.Kept;
        }

        if (Uploaded.FirstOrDefault(e => e.Ref == scenario) is not { } entry)
        {
            return DeleteOutcome.NotFound;
        }

        if (entry.InUse)
        {
            return DeleteOutcome.Kept;
        }

        // The index is the library: out of it first, so a failed second write leaves an orphan text, never a listed version without one.
        await index!.SaveAsync(new LibraryIndex(Uploaded.Remove(entry)));
        var stored = await documents.ReadAsync(SourceKind, scenario.ToString());
        await documents.WriteAsync(SourceKind, scenario.ToString(), "null", stored?.Etag ?? 0);
        return DeleteOutcome.Deleted;
    }

    private async Task<UploadResult> StoreAsync(string fileName, string yaml, bool renumberWhenUsed)
    {
        var loaded = ScenarioLoader.LoadText(yaml, fileName);
        if (loaded.Scenario is not { } scenario)
        {
            return new UploadResult(false, null, [.. loaded.Diagnostics.Select(Problem)]);
        }

        var reference = new ScenarioRef(scenario.Id, scenario.Version);
        if (builtIns.Any(b => b.Ref.Id == scenario.Id))
        {
            return Refused(Refusals.BuiltInId(scenario.Id));
        }

        if (Uploaded.FirstOrDefault(e => e.Ref == reference) is { InUse: true })
        {
            if (!renumberWhenUsed)
            {
                return Refused(Refusals.VersionInUse(scenario.Id, scenario.Version));
            }

            var next = Uploaded.Where(e => e.Ref.Id == scenario.Id).Max(e => e.Ref.Version) + 1;
            yaml = ScenarioSource.WithVersion(yaml, next);
            loaded = ScenarioLoader.LoadText(yaml, fileName);
            if (loaded.Scenario is not { } renumbered || renumbered.Version != next)
            {
                // A file whose version line could not be rewritten (flow style, say): the author raises it by hand.
                return Refused(Refusals.VersionInUse(scenario.Id, scenario.Version));
            }

            scenario = renumbered;
            reference = new ScenarioRef(scenario.Id, next);
        }

        var existing = await documents.ReadAsync(SourceKind, reference.ToString());
        await documents.WriteAsync(SourceKind, reference.ToString(), System.Text.Json.JsonSerializer.Serialize(yaml), existing?.Etag ?? 0);
        var entry = new ScenarioEntry(reference, scenario.Title, scenario.Summary, false, false, time.GetUtcNow());
        await index!.SaveAsync(new LibraryIndex([.. Uploaded.Where(e => e.Ref != reference), entry]));
        return new UploadResult(true, entry, [.. loaded.Diagnostics.Select(Problem)]);
    }

    public async Task<string?> GetSourceAsync(ScenarioRef scenario)
    {
        if (BuiltInScenarios.Ids.Contains(scenario.Id))
        {
            // The current version, or an earlier one that tables may have played (not listed, never changed).
            return BuiltInScenarios.ReadText(scenario.Id, scenario.Version);
        }

        // Only a listed version has a text: a write cut short (the text stored, the index not) or a delete leaves none behind.
        if (!Uploaded.Any(e => e.Ref == scenario))
        {
            return null;
        }

        return await documents.ReadAsync(SourceKind, scenario.ToString()) is { } stored
            ? System.Text.Json.JsonSerializer.Deserialize<string>(stored.Json)
            : null;
    }

    public async Task MarkUsedAsync(ScenarioRef scenario)
    {
        if (Uploaded.FirstOrDefault(e => e.Ref == scenario) is { InUse: false } entry)
        {
            await index!.SaveAsync(new LibraryIndex(Uploaded.Replace(entry, entry with { InUse = true })));
        }
    }

    private ImmutableList<ScenarioEntry> Uploaded => index?.Value?.Entries ?? [];

    private static UploadResult Refused(Rejection rejection) =>
        new(false, null, [new ScenarioProblem(rejection.Code, "error", 1, 1, rejection.Message)], rejection.Reason);

    private static ScenarioProblem Problem(Diagnostic d) =>
        new(d.Code, d.Severity == Severity.Error ? "error" : "warning", d.Line, d.Column, d.Message, d.Fix);

    internal sealed record LibraryIndex(ImmutableList<ScenarioEntry> Entries);
}
