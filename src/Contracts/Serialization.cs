using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Serialization;

namespace RegioLab.Sim.Contracts;

/// <summary>
/// How the domain's types (commands, events, state, views: plain records without Orleans
/// attributes) cross grain boundaries: as System.Text.Json. Silos and clients must agree.
/// </summary>
public static class ContractSerialization
{
    private const string DomainNamespace = "RegioLab.Sim.Scenarios";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static ISerializerBuilder AddRegioLabTypes(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(IsDomainType, Json);

    private static bool IsDomainType(Type type) =>
        type.Namespace is { } ns && (ns == DomainNamespace || ns.StartsWith(DomainNamespace + ".", StringComparison.Ordinal));
}
