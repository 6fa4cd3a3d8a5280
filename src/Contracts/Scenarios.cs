using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Contracts;

/// <summary>One version of a scenario in the library.</summary>
[GenerateSerializer, Immutable, Alias("scenario-entry")]
public sealed record ScenarioEntry(ScenarioRef Ref, Text Title, Text Summary, bool BuiltIn, bool InUse, DateTimeOffset? UploadedAt);

/// <summary>A scenario file's problem, as the validator reports it.</summary>
[GenerateSerializer, Immutable, Alias("scenario-problem")]
public sealed record ScenarioProblem(string Code, string Severity, int Line, int Column, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {Severity} {Code}: {Message}";
}

/// <summary>The answer to an upload: the stored entry, or the problems that kept it out.</summary>
[GenerateSerializer, Immutable, Alias("upload-result")]
public sealed record UploadResult(bool Stored, ScenarioEntry? Entry, ImmutableArray<ScenarioProblem> Problems);

/// <summary>The built-in scenarios plus uploaded ones, durably versioned; a version used by a table never changes.</summary>
[Alias("scenario-library")]
public interface IScenarioLibraryGrain : IGrainWithIntegerKey
{
    Task<ImmutableArray<ScenarioEntry>> ListAsync();

    /// <summary>Validates and stores a scenario file under its id and version.</summary>
    Task<UploadResult> UploadAsync(string fileName, string yaml);

    /// <summary>The file text of a scenario version, or null.</summary>
    Task<string?> GetSourceAsync(ScenarioRef scenario);

    /// <summary>Marks a version as used by a table: from then on it can not be replaced.</summary>
    Task MarkUsedAsync(ScenarioRef scenario);
}
