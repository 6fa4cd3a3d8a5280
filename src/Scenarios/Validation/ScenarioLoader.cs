using System.Collections.Immutable;
using System.Text;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Format;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Validation;

/// <summary>The outcome of loading a scenario: the scenario when there were no errors, and every diagnostic.</summary>
public sealed record LoadResult(Scenario? Scenario, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Succeeded => Scenario is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
}

/// <summary>Loads scenario files; never throws at the author, whatever the input.</summary>
public static class ScenarioLoader
{
    public const long MaxFileBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Loads a file from disk.</summary>
    public static LoadResult LoadFile(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                return Fail(path, Codes.FileUnreadable, "this is a directory; expected a scenario file (.yaml)");
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Fail(path, Codes.FileUnreadable, "no such file");
            }

            if (info.Length > MaxFileBytes)
            {
                return Fail(path, Codes.FileTooLarge, $"the file is {info.Length:N0} bytes; a scenario may be at most {MaxFileBytes:N0} bytes (1 MiB)");
            }

            // Read at most one byte past the limit: the file may have grown since we asked its size.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[MaxFileBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }

            return length > MaxFileBytes
                ? Fail(path, Codes.FileTooLarge, $"a scenario may be at most {MaxFileBytes:N0} bytes (1 MiB)")
                : LoadBytes(buffer.AsSpan(0, length), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(path, Codes.FileUnreadable, $"cannot read the file: {e.Message}");
        }
    }

    /// <summary>Loads raw bytes (an upload, a file already read), named by <paramref name="file"/> in diagnostics.</summary>
    public static LoadResult LoadBytes(ReadOnlySpan<byte> bytes, string file)
    {
        if (bytes.Length > MaxFileBytes)
        {
            return Fail(file, Codes.FileTooLarge, $"a scenario may be at most {MaxFileBytes:N0} bytes (1 MiB)");
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.Contains((byte)0))
        {
            return Fail(file, Codes.NotText, "the file holds binary data (a zero byte); expected UTF-8 text");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Fail(file, Codes.NotText, "the file is not valid UTF-8 text; save it as UTF-8");
        }

        return LoadText(text, file);
    }

    /// <summary>Loads YAML text, named by <paramref name="file"/> in diagnostics.</summary>
    public static LoadResult LoadText(string text, string file)
    {
        var diagnostics = new List<Diagnostic>();
        if (text.Length > MaxFileBytes)
        {
            return Fail(file, Codes.FileTooLarge, $"a scenario may be at most {MaxFileBytes:N0} characters");
        }

        var root = YamlDocumentReader.Read(text.TrimStart('\uFEFF'), file, diagnostics);
        Scenario? scenario = null;
        if (root is not null)
        {
            var reader = new ScenarioReader(file, diagnostics);
            scenario = reader.Read(root);
            if (scenario is not null)
            {
                new ScenarioChecks(file, diagnostics, reader).Run(scenario);
            }
        }

        var sorted = diagnostics.Distinct().OrderBy(d => d.Line).ThenBy(d => d.Column).ToImmutableArray();
        return new LoadResult(sorted.Any(d => d.Severity == Severity.Error) ? null : scenario, sorted);
    }

    /// <summary>Loads a built-in scenario by id.</summary>
    public static LoadResult LoadBuiltIn(string id) =>
        BuiltInScenarios.ReadText(id) is { } text
            ? LoadText(text, BuiltInScenarios.FileName(id))
            : Fail(id, Codes.FileUnreadable, $"there is no built-in scenario '{id}'; built in are {string.Join(", ", BuiltInScenarios.Ids)}");

    /// <summary>A built-in id, or else a file path.</summary>
    public static LoadResult LoadByIdOrFile(string idOrPath) =>
        BuiltInScenarios.Ids.Contains(idOrPath) ? LoadBuiltIn(idOrPath) : LoadFile(idOrPath);

    private static LoadResult Fail(string file, string code, string message) =>
        new(null, [new Diagnostic(file, 1, 1, Severity.Error, code, message)]);
}
