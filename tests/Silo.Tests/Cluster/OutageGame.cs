using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>
/// A game of four at one buurthuis table, played through a store outage (FullDiskTests,
/// PostgresOutageTests): started, its refusals checked and counted, resumed when the store is back,
/// and compared with what the store holds.
/// </summary>
internal sealed class OutageGame
{
    private static readonly ScenarioRef Buurthuis = new("buurthuis", 1);

    private OutageGame(Play play, TableRules rules, string session)
    {
        Play = play;
        Rules = rules;
        Session = session;
    }

    public Play Play { get; }

    public TableRules Rules { get; }

    /// <summary>The table's session: the stream its events are stored under.</summary>
    public string Session { get; }

    /// <summary>The refusals <see cref="AssertRefusedByNameAsync"/> saw, by code.</summary>
    public Dictionary<string, int> Refusals { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates a one-table workshop, seats four players and starts a game of three rounds.</summary>
    public static async Task<OutageGame> StartAsync(IGrainFactory grains, string title)
    {
        var workshop = grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Buurthuis, 1, null, "nl", title));
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await workshop.JoinAsync($"Speler {i + 1}")).Joined);
        }

        var rules = await new RulesCatalog(grains).GetAsync(Buurthuis, null);
        var game = new OutageGame(new Play(grains, created.Sessions[0], rules), rules, created.Sessions[0]);
        Assert.True((await game.Play.SendAsync(Actor.Facilitator, new Start(3))).Accepted);
        return game;
    }

    /// <summary>
    /// A command sent against <paramref name="state"/> was refused by name (never "nothing changed" when
    /// something might have), and the table did not move; counted in <see cref="Refusals"/>.
    /// </summary>
    public async Task AssertRefusedByNameAsync(CommandResult result, Command command, TableState state)
    {
        Assert.True(
            result.Code is RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown,
            $"{command} was refused with {result.Code} ({result.Message}), not a storage refusal");
        Assert.Equal(state.Version, (await Play.Table.GetInfoAsync()).Version);
        Refusals[result.Code!] = Refusals.GetValueOrDefault(result.Code!) + 1;
    }

    /// <summary>
    /// Sends the game's next moves until one is taken (storage refusals only, meanwhile), within 30 s of
    /// the store's return (<paramref name="returned"/> names it); returns how long that took.
    /// </summary>
    public async Task<TimeSpan> ResumeAsync(string returned)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        CommandResult resumed;
        do
        {
            var state = await Play.Table.GetStateAsync();
            var (actor, command) = Play.NextMove(Rules, state);
            resumed = await Play.SendAsync(actor, command, state.Version);
            Assert.True(resumed.Accepted || resumed.Code is RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown, resumed.Message);
            Assert.True(since.Elapsed < TimeSpan.FromSeconds(30), $"play did not resume within 30 s of {returned}");
        }
        while (!resumed.Accepted);

        return since.Elapsed;
    }

    /// <summary>
    /// The store holds the table's log event for event, and every acknowledged command's events are in it
    /// at the versions the players were told; returns how many were lost (asserted 0) and how many there were.
    /// </summary>
    public async Task<(int Lost, int Acknowledged)> AssertNothingAcknowledgedLostAsync(IEventStore store)
    {
        var stored = await store.ReadAsync(Session);
        var log = await Play.Table.ReadSinceAsync(0);
        Assert.Equal(log.Select(e => EventJson.Serialize(e.Event)), stored.Select(e => EventJson.Serialize(e.Event)));
        var lost = Play.Accepted.SelectMany(r => r.Events)
            .Count(e => e.Version > stored.Count || EventJson.Serialize(stored[(int)e.Version - 1].Event) != EventJson.Serialize(e.Event));
        Assert.Equal(0, lost);
        return (lost, Play.Accepted.Sum(r => r.Events.Length));
    }
}
