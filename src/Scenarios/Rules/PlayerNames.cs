using System.Globalization;
using System.Text;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>What counts as a player's name: 1 to <see cref="Limits.NameLength"/> characters as a person counts them, something visible among them.</summary>
public static class PlayerNames
{
    /// <summary>The name as it will be shown (trimmed), or null when it is empty, too long, has control characters or shows nothing.</summary>
    public static string? Clean(string? typed)
    {
        var name = typed?.Trim();
        if (string.IsNullOrEmpty(name) || Characters(name) > Limits.NameLength || name.Any(char.IsControl))
        {
            return null;
        }

        return name.EnumerateRunes().Any(Visible) ? name : null;
    }

    /// <summary>The length of a text as a person counts it: "é" written as e and an accent, or an emoji flag, is one character.</summary>
    public static int Characters(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>A character that leaves a mark: not a space, a format character (zero-width space, joiner) or a mark with nothing under it, nor a blank letter.</summary>
    private static bool Visible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => false,
            _ => !Blank(rune.Value),
        };

    /// <summary>Letters and symbols that are drawn as nothing: Hangul fillers, the braille blank, the Mongolian vowel separator.</summary>
    private static bool Blank(int codePoint) => codePoint is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E;
}
