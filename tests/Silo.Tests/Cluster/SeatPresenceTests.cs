using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Grains;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>
/// The table's presence bookkeeping on its own, with the clock in the test's hands: a wait that runs out
/// between the table's look and the timer it sets next must still be looked at, not a period later
/// (PresenceTimingTests saw a seat go away 12.0 s after a 9 s lease, about one run in eight).
/// </summary>
public sealed class SeatPresenceTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(9);
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_wait_that_runs_out_just_after_a_look_is_still_the_next_thing_to_look_at()
    {
        var state = TwoSeatsPresent();
        var presence = new SeatPresence(Lease);
        presence.WaitForHosts(state, Start);

        // The timer fired a hair early: nothing has run out yet.
        var look = Start + Lease - TimeSpan.FromTicks(5);
        Assert.Empty(presence.Changes(state, look));

        // A microsecond later, as the table sets its timer, the wait has run out: it is due now, not never.
        Assert.Equal(Start + Lease, presence.NextExpiry());
        Assert.Equal([(0, false), (1, false)], presence.Changes(state, Start + Lease));

        // Looked at, it counts no more and keeps nothing due.
        Assert.Null(presence.NextExpiry());
    }

    [Fact]
    public void A_host_report_ends_the_wait_and_its_word_is_what_runs_out_next()
    {
        var state = TwoSeatsPresent();
        var presence = new SeatPresence(Lease);
        presence.WaitForHosts(state, Start);
        Assert.True(presence.Take(new Contracts.PresenceReport("A", 1, [0]), Start + TimeSpan.FromSeconds(2)));

        // Seat 1's wait (from the start) runs out first, then host A's word (from its report).
        Assert.Equal(Start + TimeSpan.FromSeconds(9), presence.NextExpiry());
        Assert.Empty(presence.Changes(state, Start + TimeSpan.FromSeconds(8.9)));
        Assert.Equal([(1, false)], presence.Changes(state, Start + TimeSpan.FromSeconds(9)));
        Assert.Equal(Start + TimeSpan.FromSeconds(11), presence.NextExpiry());

        // The host fell silent: its seat goes too (the state here still calls seat 1 present, as it was never logged).
        Assert.Contains((0, false), presence.Changes(state, Start + TimeSpan.FromSeconds(11)));
        Assert.Null(presence.NextExpiry());
    }

    private static TableState TwoSeatsPresent()
    {
        var rules = new TableRules(ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!);
        var state = rules.Initial();
        foreach (var e in new TableEvent[] { new SeatTaken(0, "Anna"), new SeatTaken(1, "Bas") })
        {
            state = rules.Evolve(state, e);
        }

        Assert.All(state.Seats, s => Assert.True(s.Present));
        return state;
    }
}
