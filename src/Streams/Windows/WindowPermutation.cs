using Pipeline.Shared.Random;
using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Windows;

/// <summary>
/// An epoch of every window in a seeded uniform order: a permutation of all (clip, window) pairs, each window cut when
/// its turn comes. For audio read on demand (the memory-mapped cache), where random access costs nothing and holding
/// every clip holds only pointers; then no shuffle buffer is needed, and a batch holds two windows of one clip only as
/// often as a uniform permutation does (for MTAT's 10 windows per clip and batches of 23, about 1.5% of batches).
/// </summary>
public static class WindowPermutation
{
    public static IEnumerable<Window> Of(IReadOnlyList<(ClipDecoded Clip, WindowGrid Grid)> clips, int seed)
    {
        var pairs = new List<(int Clip, long Window)>();
        for (var clip = 0; clip < clips.Count; clip++)
        {
            var count = clips[clip].Grid.CountFor(clips[clip].Clip.Samples.Length);
            for (var window = 0L; window < count; window++)
                pairs.Add((clip, window));
        }
        foreach (var (clip, window) in Seeds.Shuffled(pairs, seed))
        {
            var (decoded, grid) = clips[clip];
            yield return new Window(decoded.Clip, window, WindowCutter.Cut(grid, decoded.Samples, window));
        }
    }
}
