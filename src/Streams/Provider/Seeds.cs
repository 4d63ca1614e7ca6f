namespace Pipeline.Streams.Provider;

/// <summary>
/// Derives independent, reproducible seeds (e.g. per epoch, per clip) from the run's seed. SplitMix64 mixing, since
/// HashCode is randomised per process and would make runs irreproducible.
/// </summary>
public static class Seeds
{
    public static int Derive(int seed, params ReadOnlySpan<long> parts)
    {
        var state = (ulong)seed;
        foreach (var part in parts)
            state = Mix(state ^ Mix((ulong)part + 0x9E3779B97F4A7C15UL));
        return (int)(state & 0x7FFF_FFFF);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A seeded Fisher-Yates shuffle of a copy of <paramref name="items"/>.</summary>
    public static List<T> Shuffled<T>(IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
