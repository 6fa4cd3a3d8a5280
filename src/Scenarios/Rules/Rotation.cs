using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>
/// Plans which seat holds which role in every round. Each round is an optimal assignment of
/// seats to role slots (Hungarian method) that prefers, in order: a role the seat has held
/// least, not the role it just held, and the cyclic shift of the previous round, so that with
/// single-seat roles every seat holds every role once rounds ≥ players.
/// </summary>
public static class Rotation
{
    private const long Repeat = 1_000_000;
    private const long Again = 10_000;

    /// <summary>The role slots for this many players: every role its minimum, then one more at a time to the role with fewest seats.</summary>
    public static ImmutableArray<string> Slots(Scenario scenario, int players)
    {
        var counts = scenario.Roles.ToDictionary(r => r.Id, _ => 0);
        var left = players;
        foreach (var role in scenario.Roles)
        {
            var take = Math.Min(role.SeatsMin, left);
            counts[role.Id] = take;
            left -= take;
        }

        // Extra players go one at a time to the role with the fewest seats so far (file order on ties),
        // so that optional roles come into play before a role gets its second seat.
        while (left > 0 && scenario.Roles.Where(r => counts[r.Id] < r.SeatsMax).MinBy(r => counts[r.Id]) is { } role)
        {
            counts[role.Id]++;
            left--;
        }

        // Interleave the slots (a, b, c, a, b, ...) so that round 1 spreads roles over the seats.
        var slots = ImmutableArray.CreateBuilder<string>();
        for (var copy = 0; slots.Count < players && copy < players; copy++)
        {
            foreach (var role in scenario.Roles.Where(r => counts[r.Id] > copy))
            {
                slots.Add(role.Id);
            }
        }

        while (slots.Count < players)
        {
            slots.Add(string.Empty);
        }

        return slots.ToImmutable();
    }

    /// <summary>
    /// The full plan: the rounds before <paramref name="fromRound"/> are kept from <paramref name="history"/>;
    /// later rounds are planned for the seats in <paramref name="active"/> (others hold no role).
    /// </summary>
    public static ImmutableArray<ImmutableArray<string>> Plan(
        Scenario scenario, int seatCount, IReadOnlyCollection<int> active, int fromRound, ImmutableArray<ImmutableArray<string>> history)
    {
        var rounds = scenario.Rounds.Count;
        var plan = new string[rounds][];
        for (var r = 0; r < rounds; r++)
        {
            plan[r] = r + 1 < fromRound && !history.IsDefaultOrEmpty && r < history.Length
                ? Pad(history[r], seatCount)
                : new string[seatCount];
        }

        var seats = active.OrderBy(s => s).ToArray();
        var slots = Slots(scenario, seats.Length);
        for (var r = Math.Max(1, fromRound); r <= rounds; r++)
        {
            var row = plan[r - 1];
            Array.Fill(row, string.Empty);
            var previous = r >= 2 ? plan[r - 2] : null;
            var keep = scenario.Rotation != RotationMode.Rotate && previous is not null;
            var assignment = keep ? Keep(seats, slots, previous!) : Assign(seats, slots, plan, r);
            for (var i = 0; i < seats.Length; i++)
            {
                row[seats[i]] = slots[assignment[i]];
            }
        }

        return [.. plan.Select(row => row.ToImmutableArray())];
    }

    private static string[] Pad(ImmutableArray<string> row, int seatCount)
    {
        var padded = new string[seatCount];
        Array.Fill(padded, string.Empty);
        for (var i = 0; i < Math.Min(row.Length, seatCount); i++)
        {
            padded[i] = row[i];
        }

        return padded;
    }

    private static int[] Keep(int[] seats, ImmutableArray<string> slots, string[] previous)
    {
        // Fixed and facilitator rotation: everybody keeps their role; the cost below only
        // says "same as last round", so the assignment fills vacated slots sensibly.
        var cost = new long[seats.Length, slots.Length];
        for (var i = 0; i < seats.Length; i++)
        {
            for (var j = 0; j < slots.Length; j++)
            {
                cost[i, j] = previous[seats[i]] == slots[j] ? 0 : Again + Math.Abs(i - j);
            }
        }

        return Hungarian.Solve(cost);
    }

    private static int[] Assign(int[] seats, ImmutableArray<string> slots, string[][] plan, int round)
    {
        var n = seats.Length;
        var cost = new long[n, n];
        for (var i = 0; i < n; i++)
        {
            var seat = seats[i];
            var previous = round >= 2 ? plan[round - 2][seat] : null;
            var history = Enumerable.Range(0, round - 1).Select(r => plan[r][seat]).Where(role => role.Length > 0).ToList();

            // A seat that has already repeated a role comes first for a new one.
            var repeats = history.Count - history.Distinct().Count();
            for (var j = 0; j < n; j++)
            {
                var role = slots[j];
                var held = role.Length == 0 ? 0 : history.Count(r => r == role);
                var shift = ((j - i - (round - 1)) % n + n) % n;
                cost[i, j] = (held == 0 ? 0 : (held * held + 4 * repeats) * Repeat) + (role == previous ? Again : 0) + shift;
            }
        }

        return Hungarian.Solve(cost);
    }
}

/// <summary>The Hungarian method for a square minimum-cost assignment (rows to columns).</summary>
internal static class Hungarian
{
    public static int[] Solve(long[,] cost)
    {
        var n = cost.GetLength(0);
        var u = new long[n + 1];
        var v = new long[n + 1];
        var match = new int[n + 1];
        var way = new int[n + 1];
        for (var row = 1; row <= n; row++)
        {
            match[0] = row;
            var column = 0;
            var min = new long[n + 1];
            var used = new bool[n + 1];
            Array.Fill(min, long.MaxValue);
            do
            {
                used[column] = true;
                var r = match[column];
                var delta = long.MaxValue;
                var next = 0;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var reduced = cost[r - 1, j - 1] - u[r] - v[j];
                    if (reduced < min[j])
                    {
                        min[j] = reduced;
                        way[j] = column;
                    }

                    if (min[j] < delta)
                    {
                        delta = min[j];
                        next = j;
                    }
                }

                for (var j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[match[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        min[j] -= delta;
                    }
                }

                column = next;
            }
            while (match[column] != 0);

            do
            {
                var previous = way[column];
                match[column] = match[previous];
                column = previous;
            }
            while (column != 0);
        }

        var result = new int[n];
        for (var j = 1; j <= n; j++)
        {
            if (match[j] > 0)
            {
                result[match[j] - 1] = j - 1;
            }
        }

        return result;
    }
}
