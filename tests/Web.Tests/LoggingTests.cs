using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// What a host logs at Information during a game: never a player's name, note, reflection, seat token or the facilitator key
/// (docs/privacy.md, docs/operations.md "Logs"). A host of its own, since the shared one logs only warnings.
/// </summary>
public sealed class LoggingTests : IAsyncLifetime
{
    private readonly CapturedLogs logs = new();
    private readonly List<LiveClient> clients = [];
    private WebHost? host;
    private HttpClient? http;

    public Task InitializeAsync()
    {
        host = new WebHost(new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" })
        {
            AddServices = services => services.AddSingleton<ILoggerProvider>(logs),
        };
        http = new HttpClient { BaseAddress = host.Start() };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        http?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_game_logged_at_information_holds_no_player_name_note_reflection_key_or_seat_token()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        string[] names = [$"Wilhelmina{marker}", $"Juliana{marker}", $"Bernhard{marker}"];
        var note = $"geheime notitie {marker}";
        var reflection = $"eerlijke reflectie {marker}";

        var created = await Json.PostAsync(http!, "/api/workshops", new { scenario = "buurthuis", tables = 1 }, 201);
        var workshopId = created.GetProperty("workshopId").GetString()!;
        var players = new List<LiveClient>();
        var secrets = new List<string> { note, reflection, created.GetProperty("facilitatorKey").GetString()! };
        foreach (var name in names)
        {
            var joined = await Json.PostAsync(http!, $"/api/join/{created.GetProperty("joinCode").GetString()}", new { name });
            secrets.AddRange([name, joined.GetProperty("seatToken").GetString()!]);
            var player = await ConnectAsync("/hubs/player", "Update");
            Assert.True((await player.Connection.InvokeAsync<JsonElement>("Resume", joined.GetProperty("seatToken").GetString(), 0L)).GetProperty("ok").GetBoolean());
            players.Add(player);
        }

        var console = await ConnectAsync("/hubs/facilitator", "Table", "Workshop");
        Assert.True((await console.Connection.InvokeAsync<JsonElement>("Open", workshopId, created.GetProperty("facilitatorKey").GetString())).GetProperty("ok").GetBoolean());

        // Through the first role swap: a handover note while playing, a reflection at the swap.
        var stage = await ConsoleAsync(console, "start", new { seed = 5 });
        var (noted, reflected) = (false, false);
        for (var steps = 0; steps < 40 && !reflected; steps++)
        {
            if (stage == "playing" && !noted)
            {
                noted = await SendAsync(players[0], Json.Command("write_handover_note", new { text = note }));
            }

            if (stage == "role_swap")
            {
                reflected = await SendAsync(players[1], Json.Command("reflect", new { word = "eerlijk", text = reflection }));
            }

            stage = await ConsoleAsync(console, "advance");
        }

        Assert.True(noted && reflected, "the game reached a handover note and a reflection");
        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Level == LogLevel.Information);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        // The marker alone catches a name or text cut short or split up.
        Assert.DoesNotContain(lines, l => l.Text.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<LiveClient> ConnectAsync(string hub, params string[] methods)
    {
        var client = await LiveClient.ConnectAsync(http!.BaseAddress!, hub, methods);
        clients.Add(client);
        return client;
    }

    private static async Task<string> ConsoleAsync(LiveClient console, string type, object? fields = null)
    {
        var ack = (await console.Connection.InvokeAsync<JsonElement[]>("Send", 1, Guid.NewGuid().ToString("N"), Json.Command(type, fields)))[0];
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
        var table = await console.WaitForAsync("Table", t => t.GetProperty("version").GetInt64() >= ack.GetProperty("version").GetInt64());
        return table.GetProperty("flow").GetProperty("stage").GetString()!;
    }

    private static async Task<bool> SendAsync(LiveClient player, System.Text.Json.Nodes.JsonObject command)
    {
        var ack = await player.Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, command);
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
        return true;
    }

    /// <summary>Every line logged at Information or above: its message, its structured values, its scopes and its exception.</summary>
    private sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Text)> lines = new();
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<(LogLevel Level, string Text)> Lines => [.. lines];

        public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Capture(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner.scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }

                var text = new System.Text.StringBuilder($"{category} {eventId} {formatter(state, exception)} {exception}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        text.Append($" {key}={value}");
                    }
                }

                owner.scopes.ForEachScope((scope, builder) => builder.Append($" [{scope}]"), text);
                owner.lines.Enqueue((logLevel, text.ToString()));
            }
        }
    }
}
