using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// Reads a command sent over a hub. The hubs take it as raw JSON and read it here, so a command the
/// server can not read — not an object, no or an unknown <c>type</c>, a field of the wrong kind or
/// missing — is refused with <c>invalid_command</c> and says where, instead of failing the call.
/// </summary>
public sealed class CommandReader(IOptions<JsonHubProtocolOptions> protocol)
{
    private readonly JsonSerializerOptions options = protocol.Value.PayloadSerializerOptions;

    /// <summary>The command, or why it can not be read.</summary>
    public (Command? Command, Rejection? Refusal) Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return (null, Refusals.UnreadableCommand($"a command is a JSON object, not {Kind(json.ValueKind)}"));
        }

        if (!json.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return (null, Refusals.UnreadableCommand("the field 'type' is missing"));
        }

        try
        {
            var command = json.Deserialize<Command>(options);
            return CommandShape.Check(command) is { } missing ? (null, missing) : (command, null);
        }
        catch (JsonException e)
        {
            return (null, Refusals.UnreadableCommand(e.Path is { Length: > 1 } path ? $"at {path}" : $"type '{type.GetString()}'"));
        }
        catch (NotSupportedException)
        {
            return (null, Refusals.UnreadableCommand($"type '{type.GetString()}'"));
        }
    }

    /// <summary>What metrics call a command that could not be read.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>A command's type as the protocol names it (<c>cast_vote</c>), for metrics.</summary>
    public static string TypeOf(Command command) => JsonNamingPolicy.SnakeCaseLower.ConvertName(command.GetType().Name);

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
