namespace Pipeline.Streams.Provider;

/// <summary>
/// An epoch of every window of every clip in a uniformly random order: a seeded Fisher-Yates permutation of all
/// (clip, window) pairs, each window cut only when its turn comes. Meant for audio read on demand (the memory-mapped
/// cache), where random access costs nothing and holding every clip holds only pointers; then no shuffle buffer is
/// needed, and a batch holds two windows of one clip only as often as a uniform permutation does (for MTAT's 10
/// windows per clip and batches of 23, about 1.5% of batches).
/// </summary>
public static class WindowPermutation
{
    public static IEnumerable<Segment> Of(IReadOnlyList<WindowGrid> grids, int seed)
    {
        var pairs = new List<(int Clip, int Window)>();
        for (var clip = 0; clip < grids.Count; clip++)
        {
            for (var window = 0; window < grids[clip].Count; window++)
                pairs.Add((clip, window));
        }
        var random = new Random(seed);
        for (var i = pairs.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (pairs[i], pairs[j]) = (pairs[j], pairs[i]);
        }
        foreach (var (clip, window) in pairs)
            yield return grids[clip].Cut(window);
    }
}
