using System.Text.Json;
using System.Text.Json.Serialization;

namespace RegioLab.Sim.Scenarios.Balance;

/// <summary>The one JSON shape of a balance report, for <c>balance --json</c> and the studio's REST job alike.</summary>
public static class BalanceJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Serialize(BalanceReport report) => JsonSerializer.Serialize(report, Options);
}
