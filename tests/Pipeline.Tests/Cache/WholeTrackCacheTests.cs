using Pipeline.Streams.Cache;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cache;

/// <summary>
/// The audio cache with whole tracks (MTG-Jamendo's run from 30 s to 69 min) next to 29 s clips: a track longer than
/// a shard, and the memory a long track costs the writer.
/// </summary>
public sealed class WholeTrackCacheTests : IDisposable
{
    private const int Rate = 22_050;
    private readonly TempDirectory _dir = new("whole-track-cache");

    public void Dispose() => _dir.Dispose();

    /// <summary>A deterministic signal whose every sample differs from its neighbours, within [-1, 1).</summary>
    private static float[] Signal(int samples, int seed)
    {
        var values = new float[samples];
        var random = new Random(seed);
        for (var i = 0; i < samples; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    [Fact]
    public void A_track_longer_than_a_shard_fills_one_shard_of_its_own_and_reads_back_whole()
    {
        var clip = Signal(29 * Rate, seed: 1);
        var track = Signal(5 * 60 * Rate, seed: 2);
        using (var writer = AudioCacheWriter.Open(_dir.Path, Rate, shardBytes: 1 << 20))
        {
            writer.Append("clip", clip);
            writer.Append("track", track);
            writer.Append("after", clip);
            writer.Complete();
        }

        var entries = CacheIndex.Read(_dir.Path).ToDictionary(e => e.ClipId);
        Assert.Equal(track.Length, entries["track"].Length);
        // The 1.3 MB clip closes its shard; the 13 MB track opens and closes the next one alone.
        Assert.Equal(["clip", "track", "after"], entries.Keys);
        Assert.Equal(3, entries.Values.Select(e => e.Shard).Distinct().Count());
        Assert.Equal(0, entries["track"].Offset);
        using var cache = AudioCache.Open(_dir.Path);
        var read = cache.ReadAll("track");
        Assert.Equal(track.Length, read.Length);
        var worst = 0.0;
        for (var i = 0; i < track.Length; i++)
            worst = Math.Max(worst, Math.Abs(read[i] - track[i]));
        // Written x 32,767 and rounded, read / 32,768 (the cache's documented scale): half a step plus 1/32,768 at most.
        Assert.True(worst <= 1.5 / 32_768 + 1e-7, $"int16 round trip off by {worst}");
        Assert.Equal(clip.Length, cache.ReadAll("after").Length);
    }

    [Fact]
    public void Appending_a_whole_track_allocates_no_buffer_of_its_size()
    {
        var track = Signal(10 * 60 * Rate, seed: 3);
        using var writer = AudioCacheWriter.Open(_dir.Path, Rate, shardBytes: 1L << 30);
        // The shard file and its fixed buffers exist after the first clip.
        writer.Append("first", track.AsSpan(0, Rate));

        var before = GC.GetAllocatedBytesForCurrentThread();
        writer.Append("track", track);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // A conversion buffer the size of the track would be 26 MB of int16 (13.2 M samples).
        Assert.True(allocated < 256 * 1024, $"appending a 10-minute track allocated {allocated:N0} bytes");
        writer.Complete();
        Assert.Equal(track.Length, CacheIndex.Read(_dir.Path).Single(e => e.ClipId == "track").Length);
    }
}
