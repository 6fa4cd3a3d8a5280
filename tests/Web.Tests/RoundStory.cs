using System.Text.Json;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// A page's merge of the round summaries it is pushed (docs/protocol.md, "RoundSummary"): a whole
/// round replaces, a summary that follows the last one applied appends, anything else is a gap.
/// </summary>
public sealed class RoundStory
{
    private readonly List<JsonElement> headlines = [];

    public int Round { get; private set; } = -1;

    /// <summary>The version of the last message whose summary was applied.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<JsonElement> Headlines => headlines;

    /// <summary>The headline versions, for comparing two stories.</summary>
    public IEnumerable<long> Versions => headlines.Select(h => h.GetProperty("version").GetInt64());

    /// <summary>Applies a pushed message (an Update or a Table); false when it did not follow on (a gap).</summary>
    public bool Apply(JsonElement message)
    {
        var summary = message.GetProperty("summary");
        var round = summary.GetProperty("round").GetInt32();
        var after = summary.GetProperty("after").GetInt64();
        if (after <= summary.GetProperty("startedAfter").GetInt64())
        {
            headlines.Clear();
        }
        else if (round != Round || after > Version)
        {
            return false;
        }

        var last = headlines.Count == 0 ? long.MinValue : headlines[^1].GetProperty("version").GetInt64();
        headlines.AddRange(summary.GetProperty("headlines").EnumerateArray().Where(h => h.GetProperty("version").GetInt64() > last));
        Round = round;
        Version = message.GetProperty("version").GetInt64();
        return true;
    }
}
