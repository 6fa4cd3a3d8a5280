using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// The hubs' JSON written by code made at build time (System.Text.Json source generation) instead of by
/// reflection: what the hubs send and receive, the views <see cref="FieldsJson"/> writes field by field and
/// the commands <see cref="CommandReader"/> reads. The JSON is the REST API's (camelCase, snake_case enums);
/// HubJsonTests compares it with what the same options wrote by reflection. Each object and list gets a
/// generated writer (the "fast path": no contract walked at run time) as long as the options it is used
/// with keep to what it was generated for: no converter in the options' list and no encoder. The generated
/// writers take what they do not write themselves (enums, nullable values, <see cref="ViewJson"/>) from this
/// context's own options, which hold the converters named here.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(SnakeCaseEnumConverter), typeof(CachedTextConverter)])]
[JsonSerializable(typeof(PlayerUpdate))]
[JsonSerializable(typeof(PlayerSession))]
[JsonSerializable(typeof(Ack))]
[JsonSerializable(typeof(Ack[]))]
[JsonSerializable(typeof(FacilitatorSession))]
[JsonSerializable(typeof(FacilitatorTable))]
[JsonSerializable(typeof(ProjectorSession))]
[JsonSerializable(typeof(ProjectorTable))]
[JsonSerializable(typeof(WorkshopInfo))]
[JsonSerializable(typeof(MoveResult))]
[JsonSerializable(typeof(ViewJson))]
[JsonSerializable(typeof(SeatView))]
[JsonSerializable(typeof(RoomView))]
[JsonSerializable(typeof(Command))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(long?))]
public sealed partial class HubJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Makes <paramref name="options"/>, set up as the REST API's (<c>ApplicationSetup.Configure</c>), the hubs'. The converters
    /// leave the options' list, which would turn the fast path off for every type: enums and texts get them from
    /// <see cref="Values"/>, first in the chain. A type not listed here falls back to reflection, with the same enums and texts.
    /// </summary>
    public static void Use(JsonSerializerOptions options)
    {
        options.Converters.Clear();

        // The fast path wants no encoder in the options. It does not matter on the wire: SignalR writes every message
        // with its own writer and encoder (FieldsJson escapes as that writer does).
        options.Encoder = null;
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(new Values(), Default, new DefaultJsonTypeInfoResolver());
    }

    /// <summary>
    /// The contracts of enums (snake_case strings) and of a text written on its own (<see cref="CachedTextConverter"/>): what the
    /// converters in the options' list did, without turning the fast path off. (A contract changed by a modifier instead
    /// would turn it off for every type that holds the changed one.)
    /// </summary>
    private sealed class Values : IJsonTypeInfoResolver
    {
        private static readonly MethodInfo ValueInfo = typeof(JsonMetadataServices).GetMethod(nameof(JsonMetadataServices.CreateValueInfo))!;
        private readonly SnakeCaseEnumConverter enums = new();
        private readonly CachedTextConverter texts = new();

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            JsonConverter? converter = type == typeof(Text) ? texts : enums.CanConvert(type) ? enums.CreateConverter(type, options) : null;
            if (converter is null)
            {
                return null;
            }

            // A plain value's contract, the one the context gives it in its own options (with the converters named on it):
            // the context's, so the types that hold it keep the fast path.
            var info = (JsonTypeInfo)ValueInfo.MakeGenericMethod(type).Invoke(null, [options, converter])!;
            info.OriginatingResolver = Default;
            return info;
        }
    }
}

/// <summary>
/// Enums as snake_case strings (<c>role_swap</c>), as the REST API writes them. A factory around the enum converter, not one:
/// the generator refuses the non-generic enum converter (SYSLIB1034, for native AOT, which this host does not use), and a
/// generic one per enum would let a new enum slip through as a number.
/// </summary>
public sealed class SnakeCaseEnumConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter enums = new(JsonNamingPolicy.SnakeCaseLower);

    public override bool CanConvert(Type typeToConvert) => enums.CanConvert(typeToConvert);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) => enums.CreateConverter(typeToConvert, options);
}
