namespace Pipeline.Shared.Random;

/// <summary>
/// Every random stream of every project, by purpose. Each is derived from a run's (or a corpus's) seed and its own
/// name, so no two coincide (the clip order of an epoch once equalled clip 0's window offset, both derived from
/// (seed, epoch, 0)). The streams below the line predate the names: their derivations are kept as they were, so the
/// same seed still gives the same extraction, the same demo corpus and the same mixup draws.
/// </summary>
public enum SeedStream
{
    /// <summary>The order an epoch reads its clips in; parts: epoch.</summary>
    ClipOrder = 1,
    /// <summary>Where a clip's random window starts; parts: epoch, clip.</summary>
    WindowOffset = 2,
    /// <summary>The shuffle buffer's draws; parts: epoch.</summary>
    Shuffle = 3,
    /// <summary>Augmentation draws (the jittered grid's offset, each window's polarity); parts: epoch, clip.</summary>
    Augment = 4,
    /// <summary>The permutation of every (clip, window) pair of an epoch read from random-access audio; parts: epoch.</summary>
    WindowOrder = 5,

    /// <summary>Mixup's Beta draws; parts: step.</summary>
    Mixup = 100,
    /// <summary>The order extraction shuffles a dataset's clips into before the limit.</summary>
    DatasetOrder = 101,
    /// <summary>Which split each clip of a randomly split dataset goes to.</summary>
    RandomSplit = 102,
    /// <summary>The demo corpus's plan: names, folders, recipes.</summary>
    CorpusPlan = 103,
    /// <summary>The companions of each lead instrument in a mix corpus.</summary>
    CorpusStyles = 104,
    /// <summary>The music of one clip of a corpus; parts: clip.</summary>
    ClipMusic = 105,
    /// <summary>One part (an instrument, or the drums after them) of a clip's music; seed: the clip's music seed; parts: part.</summary>
    ClipPart = 106,
}

/// <summary>
/// Derives independent, reproducible seeds. SplitMix64 mixing, since HashCode is randomised per process and would make
/// runs irreproducible.
/// </summary>
public static class Seeds
{
    public static int For(SeedStream stream, int seed, params ReadOnlySpan<long> parts) => stream switch
    {
        SeedStream.Mixup => unchecked(seed * 1_000_003 ^ (int)parts[0] ^ (int)(parts[0] >> 32) * 7_919),
        SeedStream.DatasetOrder => seed,
        SeedStream.RandomSplit => Chained((ulong)seed, [1]),
        SeedStream.CorpusPlan => Corpus(seed, [1]),
        SeedStream.CorpusStyles => Corpus(seed, [3]),
        SeedStream.ClipMusic => Corpus(seed, [2, parts[0]]),
        SeedStream.ClipPart => Corpus(seed, [parts[0]]),
        _ => Chained(Mix((ulong)seed ^ Mix((ulong)stream * 0xD1B54A32D192ED03UL)), parts),
    };

    /// <summary>A generator for one stream.</summary>
    public static System.Random Random(SeedStream stream, int seed, params ReadOnlySpan<long> parts) => new(For(stream, seed, parts));

    /// <summary>A seeded Fisher-Yates shuffle of a copy of <paramref name="items"/>.</summary>
    public static List<T> Shuffled<T>(IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        var random = new System.Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    private static int Chained(ulong state, ReadOnlySpan<long> parts)
    {
        foreach (var part in parts)
            state = Mix(state ^ Mix((ulong)part + 0x9E3779B97F4A7C15UL));
        return (int)(state & 0x7FFF_FFFF);
    }

    /// <summary>The corpus's derivation: another multiplier, constant and bit range than the run's streams.</summary>
    private static int Corpus(int seed, ReadOnlySpan<long> labels)
    {
        var state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
        foreach (var label in labels)
            state = Mix(state ^ Mix(unchecked((ulong)label + 0x632BE59BD9B4E019UL)));
        return unchecked((int)(state >> 33));
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
