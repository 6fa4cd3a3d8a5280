using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Contracts;

/// <summary>One version of a scenario in the library.</summary>
[GenerateSerializer, Immutable, Alias("scenario-entry")]
public sealed record ScenarioEntry(ScenarioRef Ref, Text Title, Text Summary, bool BuiltIn, bool InUse, DateTimeOffset? UploadedAt);

/// <summary>A scenario file's problem, as the validator reports it.</summary>
[GenerateSerializer, Immutable, Alias("scenario-problem")]
public sealed record ScenarioProblem(string Code, string Severity, int Line, int Column, string Message, string? Fix = null)
{
    public override string ToString() => $"{Line}:{Column}: {Severity} {Code}: {Message}";
}

/// <summary>
/// The answer to an upload: the stored entry, or the problems that kept it out. When the library refused
/// (a built-in's id, a used version, …) the one problem carries the refusal's code and <see cref="RefusalReason"/> its sentences.
/// </summary>
[GenerateSerializer, Immutable, Alias("upload-result")]
public sealed record UploadResult(bool Stored, ScenarioEntry? Entry, ImmutableArray<ScenarioProblem> Problems, Text? RefusalReason = null)
{
    /// <summary>The library's refusal, when it was one rather than the file's diagnostics.</summary>
    public Rejection? Refusal => RefusalReason is { } reason && Problems is [{ Code: var code }] ? new Rejection(code, reason) : null;
}

/// <summary>What became of a request to delete a scenario version.</summary>
[GenerateSerializer]
public enum DeleteOutcome
{
    /// <summary>The draft is gone.</summary>
    Deleted,

    /// <summary>The library has no such version.</summary>
    NotFound,

    /// <summary>A built-in, or a version a table used: it stays.</summary>
    Kept,
}

/// <summary>The built-in scenarios plus uploaded ones, durably versioned; a version used by a table never changes.</summary>
[Alias("scenario-library")]
public interface IScenarioLibraryGrain : IGrainWithIntegerKey
{
    Task<ImmutableArray<ScenarioEntry>> ListAsync();

    /// <summary>Validates and stores a scenario file under its id and version.</summary>
    Task<UploadResult> UploadAsync(string fileName, string yaml);

    /// <summary>The file text of a scenario version, or null.</summary>
    Task<string?> GetSourceAsync(ScenarioRef scenario);

    /// <summary>
    /// Validates and stores a scenario file as an author expects: under its own version when that is new
    /// or a draft no table used (the draft is replaced); when a table used it, under the id's next version
    /// number, with the file's <c>version:</c> line rewritten to say so.
    /// </summary>
    Task<UploadResult> AddVersionAsync(string fileName, string yaml);

    /// <summary>Copies a version (a built-in too) under a new id, as version 1 of that id: a draft to edit.</summary>
    Task<UploadResult> ForkAsync(ScenarioRef from, string newId);

    /// <summary>Deletes a draft no table used; built-ins and used versions stay.</summary>
    Task<DeleteOutcome> DeleteAsync(ScenarioRef scenario);

    /// <summary>Marks a version as used by a table: from then on it can not be replaced.</summary>
    Task MarkUsedAsync(ScenarioRef scenario);
}
