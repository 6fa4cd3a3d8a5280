using System.Globalization;
using System.Text.RegularExpressions;

namespace RegioLab.Sim.Scenarios.Format;

/// <summary>
/// Small edits to a scenario file's text that keep everything else byte for byte (comments, layout,
/// the author's own order): the library renumbers and forks files this way rather than re-writing them.
/// Only the top-level <c>id:</c> and <c>version:</c> lines of a block-style file are touched; the caller
/// loads the result again to check that the edit said what it meant.
/// </summary>
public static partial class ScenarioSource
{
    /// <summary>The file with its top-level <c>id:</c> set to <paramref name="id"/>.</summary>
    public static string WithId(string text, string id) =>
        IdLine().Replace(text, $"${{key}}{id}", 1);

    /// <summary>The file with its top-level <c>version:</c> set, or a <c>version:</c> line added after <c>id:</c>.</summary>
    public static string WithVersion(string text, int version)
    {
        var number = version.ToString(CultureInfo.InvariantCulture);
        if (VersionLine().IsMatch(text))
        {
            return VersionLine().Replace(text, $"${{key}}{number}", 1);
        }

        var id = IdLine().Match(text);
        if (!id.Success)
        {
            return text;
        }

        var end = text.IndexOf('\n', id.Index);
        var newline = end > 0 && text[end - 1] == '\r' ? "\r\n" : "\n";
        return end < 0
            ? text + newline + "version: " + number + newline
            : text.Insert(end + 1, "version: " + number + newline);
    }

    /// <summary>The number on the file's top-level <c>version:</c> line, or null when it has none (or not a number).</summary>
    public static int? VersionOf(string text) =>
        VersionLine().Match(text) is { Success: true } line
        && int.TryParse(line.Value.AsSpan(line.Groups["key"].Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    /// <summary>An id as the format allows it: lowercase letters, digits and _, a letter first, at most 40 characters.</summary>
    public static bool IsValidId(string? id) => id is not null && ValidId().IsMatch(id);

    [GeneratedRegex(@"^(?<key>id:[ \t]*)[^\s#]+", RegexOptions.Multiline)]
    private static partial Regex IdLine();

    [GeneratedRegex(@"^(?<key>version:[ \t]*)[^\s#]+", RegexOptions.Multiline)]
    private static partial Regex VersionLine();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex ValidId();
}
