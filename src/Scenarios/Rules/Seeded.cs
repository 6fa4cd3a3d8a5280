namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>SplitMix64: a tiny generator whose whole state is one number kept in the session state.</summary>
public static class Seeded
{
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, 1).</summary>
    public static double NextDouble(ref ulong state) => (Next(ref state) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A whole number in [0, count).</summary>
    public static int NextInt(ref ulong state, int count) => (int)(NextDouble(ref state) * count);
}
