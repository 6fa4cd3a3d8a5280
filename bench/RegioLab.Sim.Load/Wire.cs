using System.Text.Json;
using System.Text.Json.Serialization;

namespace RegioLab.Sim.Load;

// The messages of docs/protocol.md as the generator reads and writes them. Pushed updates are read
// by streaming converters that keep only what the bot and the measurement need (the version, the
// flow, what is mine to do), so the generator spends as little of the shared two cores as it can.

/// <summary>The JSON of the hubs and the REST API, plus the generator's own streaming readers.</summary>
internal static class Wire
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new SeatUpdateReader());
        options.Converters.Add(new TableUpdateReader());
        options.Converters.Add(new IgnoredReader());
        return options;
    }
}

public enum Stage { Unknown, Lobby, Briefing, Playing, RoleSwap, Debrief, Ended }

/// <summary>The answer to a command (the product's Ack; the bare hub answers the same shape).</summary>
public sealed record Ack(bool Accepted, long Version, string? Code, string? Message, bool Repeated);

/// <summary>
/// One command as sent over the player hub: <c>type</c> and the fields of that type (nulls are not
/// written). One record for all kinds keeps the sending path free of per-kind code.
/// </summary>
public sealed record Command(string Type)
{
    public string? Action { get; init; }

    public string? Note { get; init; }

    public int? Proposal { get; init; }

    public string? Answer { get; init; }

    public int? Ballot { get; init; }

    public string? Option { get; init; }

    public string? Role { get; init; }

    public string? Text { get; init; }

    public string? Word { get; init; }

    public long? Seed { get; init; }
}

/// <summary>The fields of a seat view that the generator reads; a delta carries some of them.</summary>
[Flags]
public enum ViewParts
{
    None = 0,
    Flow = 1,
    Seat = 2,
    Role = 4,
    Actions = 8,
    Proposals = 16,
    Ballot = 32,
    Dilemma = 64,
}

/// <summary>What the bot and the measurement need of a PlayerUpdate (docs/protocol.md), read in one pass.</summary>
public sealed class SeatUpdate
{
    /// <summary>The table (the product's session id; the bare hub's group).</summary>
    public string? SessionId { get; set; }

    public long Version { get; set; }

    /// <summary>0: the view is whole (or the message has no <c>after</c>, as the bare hub's); else the version the view's delta follows.</summary>
    public long After { get; set; }

    /// <summary>Which of the fields read were in the view.</summary>
    public ViewParts Parts { get; set; }

    /// <summary>The seat whose view this is (<c>view.seat</c>; -1 when absent).</summary>
    public int Seat { get; set; } = -1;

    public int Bytes { get; set; }

    public Stage Stage { get; set; }

    public int Round { get; set; }

    public int Phase { get; set; }

    public bool Paused { get; set; }

    public bool HasRole { get; set; }

    /// <summary>The first option of the open dilemma, when it is mine to decide.</summary>
    public string? DilemmaOption { get; set; }

    /// <summary>The open ballot, when I have not voted yet (else -1), and its first option.</summary>
    public int BallotId { get; set; } = -1;

    public string? BallotOption { get; set; }

    /// <summary>The first proposal that is mine to answer, or -1.</summary>
    public int ProposalToAnswer { get; set; } = -1;

    public List<string>? AvailableActions { get; set; }

    /// <summary>Takes what this delta does not carry from the update of version <see cref="After"/>, as the pages merge a view.</summary>
    public void MergeOnto(SeatUpdate held)
    {
        var kept = held.Parts & ~Parts;
        if ((kept & ViewParts.Flow) != 0)
        {
            (Stage, Round, Phase, Paused) = (held.Stage, held.Round, held.Phase, held.Paused);
        }

        if ((kept & ViewParts.Seat) != 0)
        {
            Seat = held.Seat;
        }

        if ((kept & ViewParts.Role) != 0)
        {
            HasRole = held.HasRole;
        }

        if ((kept & ViewParts.Actions) != 0)
        {
            AvailableActions = held.AvailableActions;
        }

        if ((kept & ViewParts.Proposals) != 0)
        {
            ProposalToAnswer = held.ProposalToAnswer;
        }

        if ((kept & ViewParts.Ballot) != 0)
        {
            (BallotId, BallotOption) = (held.BallotId, held.BallotOption);
        }

        if ((kept & ViewParts.Dilemma) != 0)
        {
            DilemmaOption = held.DilemmaOption;
        }

        Parts |= held.Parts;
    }
}

/// <summary>
/// What the generator needs of a FacilitatorTable: which table, its version and its flow. A console's table is
/// whole or only what changed since the one before (docs/protocol.md "Table"): its flow only when it changed.
/// </summary>
public sealed class TableUpdate
{
    /// <summary>The table carries its flow (a whole table, or one whose flow changed).</summary>
    public bool HasFlow { get; set; }

    public int Table { get; set; }

    public long Version { get; set; }

    public Stage Stage { get; set; }

    public int Round { get; set; }

    public int Phase { get; set; }
}

/// <summary>A pushed message the generator does not read (the console's WorkshopInfo).</summary>
public sealed class Ignored;

internal sealed class IgnoredReader : JsonConverter<Ignored>
{
    private static readonly Ignored Instance = new();

    public override Ignored Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        return Instance;
    }

    public override void Write(Utf8JsonWriter writer, Ignored value, JsonSerializerOptions options) => throw new NotSupportedException();
}

internal sealed class TableUpdateReader : JsonConverter<TableUpdate>
{
    public override TableUpdate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var table = new TableUpdate();
        Json.ExpectObject(ref reader);
        while (Json.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("table"u8))
            {
                reader.Read();
                table.Table = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                table.Version = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("flow"u8))
            {
                reader.Read();
                (table.Stage, table.Round, table.Phase, _) = Json.ReadFlow(ref reader);
                table.HasFlow = true;
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        return table;
    }

    public override void Write(Utf8JsonWriter writer, TableUpdate value, JsonSerializerOptions options) => throw new NotSupportedException();
}

internal sealed class SeatUpdateReader : JsonConverter<SeatUpdate>
{
    public override SeatUpdate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var update = new SeatUpdate();
        var start = reader.BytesConsumed - 1;
        Json.ExpectObject(ref reader);
        while (Json.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("sessionId"u8))
            {
                reader.Read();
                update.SessionId = reader.GetString();
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                update.Version = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("after"u8))
            {
                reader.Read();
                update.After = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("view"u8))
            {
                reader.Read();
                ReadView(ref reader, update);
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        update.Bytes = (int)(reader.BytesConsumed - start);
        return update;
    }

    public override void Write(Utf8JsonWriter writer, SeatUpdate value, JsonSerializerOptions options) => throw new NotSupportedException();

    private static void ReadView(ref Utf8JsonReader reader, SeatUpdate update)
    {
        Json.ExpectObject(ref reader);
        while (Json.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("flow"u8))
            {
                reader.Read();
                update.Parts |= ViewParts.Flow;
                (update.Stage, update.Round, update.Phase, update.Paused) = Json.ReadFlow(ref reader);
            }
            else if (reader.ValueTextEquals("seat"u8))
            {
                reader.Read();
                update.Parts |= ViewParts.Seat;
                update.Seat = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : -1;
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                update.Parts |= ViewParts.Role;
                update.HasRole = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("actions"u8))
            {
                reader.Read();
                update.Parts |= ViewParts.Actions;
                ReadActions(ref reader, update);
            }
            else if (reader.ValueTextEquals("proposals"u8))
            {
                reader.Read();
                update.Parts |= ViewParts.Proposals;
                ReadProposals(ref reader, update);
            }
            else if (reader.ValueTextEquals("ballot"u8))
            {
                reader.Read();
                update.Parts |= ViewParts.Ballot;
                ReadBallot(ref reader, update);
            }
            else if (reader.ValueTextEquals("dilemma"u8))
            {
                reader.Read();
                update.Parts |= ViewParts.Dilemma;
                ReadDilemma(ref reader, update);
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }
    }

    private static void ReadActions(ref Utf8JsonReader reader, SeatUpdate update)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? id = null;
            var available = false;
            while (Json.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.GetString();
                }
                else if (reader.ValueTextEquals("available"u8))
                {
                    reader.Read();
                    available = reader.GetBoolean();
                }
                else
                {
                    Json.SkipValue(ref reader);
                }
            }

            if (available && id is not null)
            {
                (update.AvailableActions ??= []).Add(id);
            }
        }
    }

    private static void ReadProposals(ref Utf8JsonReader reader, SeatUpdate update)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var id = -1;
            var mine = false;
            while (Json.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("mineToAnswer"u8))
                {
                    reader.Read();
                    mine = reader.GetBoolean();
                }
                else
                {
                    Json.SkipValue(ref reader);
                }
            }

            if (mine && update.ProposalToAnswer < 0)
            {
                update.ProposalToAnswer = id;
            }
        }
    }

    private static void ReadBallot(ref Utf8JsonReader reader, SeatUpdate update)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        var id = -1;
        string? option = null;
        var voted = true;
        while (Json.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("options"u8))
            {
                reader.Read();
                option = Json.FirstString(ref reader);
            }
            else if (reader.ValueTextEquals("myVote"u8))
            {
                reader.Read();
                voted = reader.TokenType != JsonTokenType.Null;
                reader.Skip();
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        if (!voted && option is not null)
        {
            (update.BallotId, update.BallotOption) = (id, option);
        }
    }

    private static void ReadDilemma(ref Utf8JsonReader reader, SeatUpdate update)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        string? option = null;
        var mine = false;
        while (Json.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("options"u8))
            {
                reader.Read();
                option = Json.FirstOptionId(ref reader);
            }
            else if (reader.ValueTextEquals("mineToDecide"u8))
            {
                reader.Read();
                mine = reader.GetBoolean();
            }
            else
            {
                Json.SkipValue(ref reader);
            }
        }

        if (mine)
        {
            update.DilemmaOption = option;
        }
    }
}

/// <summary>Small steps of a streaming read.</summary>
internal static class Json
{
    public static void ExpectObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected an object, found {reader.TokenType}");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>From a property name, past its value.</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    public static (Stage Stage, int Round, int Phase, bool Paused) ReadFlow(ref Utf8JsonReader reader)
    {
        var (stage, round, phase, paused) = (Stage.Unknown, 0, 0, false);
        ExpectObject(ref reader);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("stage"u8))
            {
                reader.Read();
                stage = reader.ValueTextEquals("playing"u8) ? Stage.Playing
                    : reader.ValueTextEquals("role_swap"u8) ? Stage.RoleSwap
                    : reader.ValueTextEquals("briefing"u8) ? Stage.Briefing
                    : reader.ValueTextEquals("lobby"u8) ? Stage.Lobby
                    : reader.ValueTextEquals("debrief"u8) ? Stage.Debrief
                    : reader.ValueTextEquals("ended"u8) ? Stage.Ended
                    : Stage.Unknown;
            }
            else if (reader.ValueTextEquals("round"u8))
            {
                reader.Read();
                round = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("phase"u8))
            {
                reader.Read();
                phase = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("paused"u8))
            {
                reader.Read();
                paused = reader.GetBoolean();
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return (stage, round, phase, paused);
    }

    /// <summary>The first string of an array of strings (the array is read to its end).</summary>
    public static string? FirstString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        string? first = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            first ??= reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
        }

        return first;
    }

    /// <summary>The "id" of the first object of an array (the array is read to its end).</summary>
    public static string? FirstOptionId(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        string? first = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (NextProperty(ref reader))
            {
                if (first is null && reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    first = reader.GetString();
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
        }

        return first;
    }
}
