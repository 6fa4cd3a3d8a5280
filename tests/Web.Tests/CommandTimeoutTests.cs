using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// A table that does not answer a command in time (its silo stalls or just died): the player is
/// answered <c>unavailable</c> after <see cref="CommandCall.Timeout"/>, not after Orleans' usual 30 s,
/// and the same command sent again gets the table's own answer once it answers.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class CommandTimeoutTests : OwnHostTest
{
    private readonly StallFirstCommand stall = new();
    protected override void AddServices(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(stall);

    [Fact]
    public async Task A_command_the_table_does_not_answer_within_the_call_timeout_is_answered_unavailable()
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "stadstuin", tables = 1 }, 201);
        var joined = await Json.PostAsync(Http, $"/api/join/{created.GetProperty("joinCode").GetString()}", new { name = "Anna" });
        await using var player = await LiveClient.ConnectAsync(Http.BaseAddress!, "/hubs/player", "Update");
        var session = await player.Connection.InvokeAsync<JsonElement>("Resume", joined.GetProperty("seatToken").GetString(), 0L);
        Assert.True(session.GetProperty("ok").GetBoolean(), session.ToString());

        var command = Json.Command("reflect", new { word = "samen" });
        stall.Armed = true;
        var clock = Stopwatch.StartNew();
        var first = await player.Connection.InvokeAsync<JsonElement>("Send", "c-1", null, command);
        var waited = clock.Elapsed;

        Assert.Equal(RefusalCodes.Unavailable, first.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("reason").GetProperty("nl").GetString()));
        Assert.InRange(waited, CommandCall.Timeout - TimeSpan.FromSeconds(0.5), CommandCall.Timeout + TimeSpan.FromSeconds(2.5));

        // The table answers again once the stall is over: the same command now gets its own answer.
        var again = await player.Connection.InvokeAsync<JsonElement>("Send", "c-1", null, command);
        Assert.NotEqual(RefusalCodes.Unavailable, again.GetProperty("code").GetString());
        Assert.Equal(1, stall.Stalled);
    }

    /// <summary>Holds the first command a table is sent, once armed, for longer than the call timeout.</summary>
    private sealed class StallFirstCommand : IIncomingGrainCallFilter
    {
        private int armed;
        private int stalled;

        public bool Armed { set => Volatile.Write(ref armed, value ? 1 : 0); }

        public int Stalled => Volatile.Read(ref stalled);

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod.Name == nameof(ITableGrain.ExecuteAsync) && Interlocked.Exchange(ref armed, 0) == 1)
            {
                Interlocked.Increment(ref stalled);
                await Task.Delay(CommandCall.Timeout + TimeSpan.FromSeconds(2));
            }

            await context.Invoke();
        }
    }
}
