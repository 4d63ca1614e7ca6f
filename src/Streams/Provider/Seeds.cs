namespace Pipeline.Streams.Provider;

/// <summary>
/// Every random stream of a run, by purpose: each is derived from the run's seed and its own name, so no two
/// streams coincide (the clip order of an epoch once equalled clip 0's window offset, both derived from (seed, epoch, 0)).
/// </summary>
public enum SeedStream
{
    /// <summary>The order an epoch reads its clips in.</summary>
    ClipOrder = 1,
    /// <summary>Where a clip's random window starts, per epoch and clip.</summary>
    WindowOffset = 2,
    /// <summary>The shuffle buffer's draws, per epoch.</summary>
    Shuffle = 3,
    /// <summary>Augmentation draws (window offsets of the jittered grid, polarity), per epoch, clip and window.</summary>
    Augment = 4,
    /// <summary>The permutation of every (clip, window) pair of an epoch read from random-access audio (the cache).</summary>
    WindowOrder = 5,
}

/// <summary>
/// Derives independent, reproducible seeds from the run's seed. SplitMix64 mixing, since HashCode is randomised per
/// process and would make runs irreproducible.
/// </summary>
public static class Seeds
{
    public static int For(SeedStream stream, int seed, params ReadOnlySpan<long> parts)
    {
        var state = Mix((ulong)seed ^ Mix((ulong)stream * 0xD1B54A32D192ED03UL));
        foreach (var part in parts)
            state = Mix(state ^ Mix((ulong)part + 0x9E3779B97F4A7C15UL));
        return (int)(state & 0x7FFF_FFFF);
    }

    /// <summary>A seed derived from <paramref name="seed"/> and <paramref name="parts"/> alone (data set-up, outside the named streams).</summary>
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
