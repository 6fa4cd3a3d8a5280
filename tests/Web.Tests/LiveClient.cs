using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// A SignalR client over WebSockets that keeps every message the server pushed, as JSON. A player's
/// <c>Update</c> is kept as the page holds it: its view merged into the view held; a <c>Table</c> as the
/// console holds it: merged into the table of that number held (docs/protocol.md). The messages as sent
/// are in <see cref="Sent"/> and <see cref="SentAs"/>, and one that did not fit on what is held is kept there only.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly List<(string Method, JsonElement Message)> received = [];
    private readonly List<(string Method, JsonElement Message)> sent = [];

    // What is held of each view ("Update", or "Table" and its number): its session, version and fields.
    private readonly Dictionary<string, (string? SessionId, long Version, JsonObject Fields)> held = new(StringComparer.Ordinal);

    private LiveClient(HubConnection connection)
    {
        Connection = connection;
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<(string Method, JsonElement Message)> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <summary>Every <c>Update</c> as the server sent it, its view whole or only what changed.</summary>
    public IReadOnlyList<JsonElement> Sent => SentAs("Update");

    /// <summary>Every <c>Update</c> or <c>Table</c> as the server sent it, whole or only what changed.</summary>
    public IReadOnlyList<JsonElement> SentAs(string method)
    {
        lock (received)
        {
            return [.. sent.Where(m => m.Method == method).Select(m => m.Message)];
        }
    }

    /// <summary>The newest message pushed with <paramref name="method"/>, or null.</summary>
    public JsonElement? Last(string method) => Received.LastOrDefault(m => m.Method == method) is { Method: not null } m ? m.Message : null;

    public static async Task<LiveClient> ConnectAsync(Uri server, string hub, params string[] methods)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, hub), o => o.Transports = HttpTransportType.WebSockets)
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Json.Options)
            .Build();
        var client = new LiveClient(connection);
        foreach (var method in methods)
        {
            connection.On<JsonElement>(method, message =>
            {
                lock (client.received)
                {
                    if (method is "Update" or "Table")
                    {
                        client.sent.Add((method, message));
                        if (client.Merge(method, message) is { } merged)
                        {
                            client.received.Add((method, merged));
                        }
                    }
                    else
                    {
                        client.received.Add((method, message));
                    }
                }
            });
        }

        await connection.StartAsync();
        return client;
    }

    /// <summary>Waits until a pushed message of <paramref name="method"/> satisfies <paramref name="condition"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool> condition, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            var match = Received.LastOrDefault(m => m.Method == method && condition(m.Message));
            if (match.Method is not null)
            {
                return match.Message;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"no '{method}' message matched within {seconds} s; the last was {Last(method)}");
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    /// <summary>
    /// The message merged into what is held, as the pages do (src/Web/ClientApp/src/delta.ts): an update's
    /// view into the view held, a table into the table of that number held. A whole one (<c>after</c> 0 or
    /// absent: the projector's) replaces it; a delta fits only on the version <c>after</c> of the same
    /// session, and sets each field it carries. Null when it does not fit.
    /// </summary>
    private JsonElement? Merge(string method, JsonElement message)
    {
        var sessionId = message.GetProperty("sessionId").GetString();
        var after = message.TryGetProperty("after", out var a) ? a.GetInt64() : 0;
        var table = method == "Table";
        var key = table ? $"Table/{message.GetProperty("table").GetInt32()}" : method;
        var fields = JsonNode.Parse((table ? message : message.GetProperty("view")).GetRawText())!.AsObject();
        if (after != 0)
        {
            if (!held.TryGetValue(key, out var last) || (last.SessionId, last.Version) != (sessionId, after))
            {
                return null;
            }

            foreach (var (name, value) in fields.ToList())
            {
                fields.Remove(name);
                last.Fields[name] = value;
            }

            fields = last.Fields;
        }

        held[key] = (sessionId, message.GetProperty("version").GetInt64(), fields);
        if (table)
        {
            return JsonSerializer.SerializeToElement(fields);
        }

        var merged = JsonNode.Parse(message.GetRawText())!.AsObject();
        merged["view"] = fields.DeepClone();
        return JsonSerializer.SerializeToElement(merged);
    }
}

/// <summary>The JSON the protocol uses, and requests in it.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static JsonObject Command(string type, object? fields = null)
    {
        var command = new JsonObject { ["type"] = type };
        if (fields is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(fields, Options)!.AsObject())
            {
                command[key] = value?.DeepClone();
            }
        }

        return command;
    }

    public static async Task<JsonElement> PostAsync(HttpClient http, string path, object body, int expectedStatus = 200)
    {
        using var response = await http.PostAsJsonAsync(path, body, Options);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"POST {path} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
