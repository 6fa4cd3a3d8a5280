using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// A SignalR client over WebSockets that keeps every message the server pushed, as JSON. A player's
/// <c>Update</c> is kept as the page holds it: its view merged into the view held (docs/protocol.md); the
/// updates as sent are in <see cref="Sent"/>, and one whose view did not fit on the view held is kept
/// there only.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly List<(string Method, JsonElement Message)> received = [];
    private readonly List<JsonElement> sent = [];
    private JsonObject? heldView;
    private (string? SessionId, long Version) held;

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
    public IReadOnlyList<JsonElement> Sent
    {
        get
        {
            lock (received)
            {
                return [.. sent];
            }
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
                    if (method == "Update")
                    {
                        client.sent.Add(message);
                        if (client.Merge(message) is { } merged)
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
    /// The update with its view merged into the view held, as the page does (src/Web/ClientApp/src/seatView.ts):
    /// a whole view (<c>after</c> 0) replaces it; a delta fits only on the view of version <c>after</c> of
    /// the same session, and sets each field it carries. Null when it does not fit.
    /// </summary>
    private JsonElement? Merge(JsonElement update)
    {
        var sessionId = update.GetProperty("sessionId").GetString();
        var after = update.GetProperty("after").GetInt64();
        var view = JsonNode.Parse(update.GetProperty("view").GetRawText())!.AsObject();
        if (after != 0)
        {
            if (heldView is null || held != (sessionId, after))
            {
                return null;
            }

            foreach (var (name, value) in view.ToList())
            {
                view.Remove(name);
                heldView[name] = value;
            }

            view = heldView;
        }

        heldView = view;
        held = (sessionId, update.GetProperty("version").GetInt64());
        var merged = JsonNode.Parse(update.GetRawText())!.AsObject();
        merged["view"] = view.DeepClone();
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
