using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Views;
using Xunit.Abstractions;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>
/// A push builds every seat's view of a state through one <see cref="Visibility.SeatViewsAt"/>, which works out
/// the part shared by every seat (and by every holder of a role) once, and the rules remember which goals and
/// conditions hold for a state's metrics, resources and round; each view must be exactly the one
/// <see cref="Visibility.ForSeat"/> gives that seat alone on a copy of the state nothing is remembered for.
/// </summary>
public sealed class SeatViewsAtTests(BuiltInFixture fixture, ITestOutputHelper output) : IClassFixture<BuiltInFixture>
{
    private const int Players = 5;

    public static TheoryData<string, BotKind> Games()
    {
        var data = new TheoryData<string, BotKind>();
        foreach (var id in BuiltInScenarios.Ids)
        {
            data.Add(id, BotKind.Random);
            data.Add(id, BotKind.Greedy);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void Every_seat_of_every_version_of_a_bot_game_sees_in_one_push_what_it_sees_alone(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        var game = Simulator.Play(rules, Players, 7, kind);
        var state = rules.Initial();
        var compared = 0;
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var e in game.Log)
        {
            state = rules.Evolve(state, e);
            var push = new Visibility.SeatViewsAt(rules, state);
            Assert.Equal(Json(Visibility.ForRoom(rules, state)), Json(push.Room));

            // From the last seat to the first, so a role's shared part is first made for another seat than in ForSeat's order.
            for (var seat = state.Seats.Length - 1; seat >= 0; seat--)
            {
                var alone = Json(Visibility.ForSeat(rules, Unremembered(state), seat));
                Assert.Equal(alone, Json(push.For(seat)));
                all.AppendData(Encoding.UTF8.GetBytes(alone));
                compared++;
            }
        }

        Assert.Equal(Players, state.Seats.Length);
        // Seats are taken one by one in the lobby, so the first versions have fewer than five.
        Assert.True(compared > (game.Log.Count - Players) * (Players - 1), $"{compared} views compared over {game.Log.Count} events");

        // The digest of every view of the game: the same before and after a change to how views are built means the same bytes.
        output.WriteLine($"{id} {kind}: {game.Log.Count} versions, {compared} views, sha256 {Convert.ToHexString(all.GetHashAndReset())}");
    }

    [Fact]
    public void A_room_view_of_another_version_is_refused()
    {
        var rules = fixture.Rules[BuiltInScenarios.Ids[0]];
        var game = Simulator.Play(rules, Players, 7, BotKind.Random);
        var first = rules.Evolve(rules.Initial(), game.Log[0]);
        var second = rules.Evolve(first, game.Log[1]);

        Assert.Throws<ArgumentException>(() => new Visibility.SeatViewsAt(rules, second, Visibility.ForRoom(rules, first)));
    }

    /// <summary>The same state with a resources object of its own: the rules remember nothing about it yet.</summary>
    private static TableState Unremembered(TableState state)
    {
        var resources = ImmutableSortedDictionary.CreateBuilder<string, double>(state.Resources.KeyComparer);
        foreach (var (key, value) in state.Resources)
        {
            resources.Add(key, value);
        }

        var copy = state with { Resources = resources.ToImmutable() };
        Assert.NotSame(state.Resources, copy.Resources);
        return copy;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
