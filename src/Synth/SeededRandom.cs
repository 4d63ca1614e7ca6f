namespace Pipeline.Synth;

/// <summary>
/// Deterministic randomness for the corpus: independent seeds derived from the run's seed and a position (so a
/// clip's music does not depend on which clips were rendered before it or on how many run in parallel), and the
/// weighted draws the planner and composer make.
/// </summary>
public static class SeededRandom
{
    /// <summary>A seed for one purpose, mixed from the run's seed and any number of labels (SplitMix64 finaliser).</summary>
    public static int Derive(int seed, params long[] labels)
    {
        var state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);
        foreach (var label in labels)
            state = Mix(state ^ Mix(unchecked((ulong)label + 0x632BE59BD9B4E019UL)));
        return unchecked((int)(state >> 33));
    }

    public static Random For(int seed, params long[] labels) => new(Derive(seed, labels));

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static T PickWeighted<T>(this Random random, IReadOnlyList<(T Item, double Weight)> items)
    {
        var total = items.Sum(i => i.Weight);
        var x = random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            if (x < weight)
                return item;
            x -= weight;
        }
        return items.Last(i => i.Weight > 0).Item;
    }

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>A whole number from <paramref name="lowest"/> to <paramref name="highest"/>, both included.</summary>
    public static int Between(this Random random, int lowest, int highest) => random.Next(lowest, highest + 1);

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
