using Pipeline.Shared.IO;
using System.Globalization;

namespace Pipeline.Streams.Cache;

/// <summary>
/// Appends decoded clips to the audio cache: int16 samples in .npy shards of about <c>shardBytes</c> each, plus the
/// index. A shard appears under its final name only when complete, and the index is rewritten (atomically) only
/// after that, so an interrupted extraction loses at most the clips of the shards in progress; re-opening the cache
/// resumes, and anything the index does not vouch for (temporary files, unindexed shards) is removed.
/// Finishing a shard (flushing it to disk, renaming it, rewriting the index) happens in the background, one shard
/// after the other, so the stream keeps writing the next shard meanwhile; a failure there surfaces on the next append.
/// </summary>
public sealed class AudioCacheWriter : IDisposable
{
    private readonly string _directory;
    private readonly long _shardBytes;
    private readonly List<CacheEntry> _entries;
    private readonly List<CacheEntry> _pending = [];
    private ShardWriter? _shard;
    private int _nextShard;
    private Task _finishing = Task.CompletedTask;

    private AudioCacheWriter(string directory, long shardBytes, List<CacheEntry> entries, int nextShard)
    {
        _directory = directory;
        _shardBytes = shardBytes;
        _entries = entries;
        _nextShard = nextShard;
        CachedClipIds = entries.Select(e => e.ClipId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Clips already in the cache when it was opened, plus those whose shard has been finished since.</summary>
    public HashSet<string> CachedClipIds { get; }

    public long BytesWritten { get; private set; }

    public int ShardsWritten { get; private set; }

    public static AudioCacheWriter Open(string directory, int sampleRate, long shardBytes)
    {
        Directory.CreateDirectory(directory);
        var cachedRate = CacheIndex.ReadSampleRate(directory);
        if (cachedRate is not null && cachedRate != sampleRate)
            throw new CacheMismatchException(
                $"the audio cache in {directory} holds {cachedRate} Hz audio but the configuration asks for {sampleRate} Hz; " +
                "extract into another folder or delete the cache");
        if (cachedRate is null)
            CacheIndex.WriteInfo(directory, sampleRate);

        AtomicFile.DeleteLeftovers(directory);
        var indexed = CacheIndex.Read(directory);
        var present = indexed.Where(e => File.Exists(Path.Combine(directory, e.Shard))).ToList();
        var referenced = present.Select(e => e.Shard).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in Directory.EnumerateFiles(directory, "shard-*.npy").Where(f => !referenced.Contains(Path.GetFileName(f))))
            File.Delete(orphan);
        if (present.Count != indexed.Count)
            CacheIndex.Write(directory, present);

        var nextShard = referenced.Select(ShardNumber).DefaultIfEmpty(-1).Max() + 1;
        return new AudioCacheWriter(directory, shardBytes, present, nextShard);
    }

    public void Append(string clipId, ReadOnlySpan<float> samples)
    {
        ThrowIfFinishingFailed();
        _shard ??= new ShardWriter(Path.Combine(_directory, ShardName(_nextShard++)));
        var offset = _shard.Append(samples);
        _pending.Add(new CacheEntry(clipId, Path.GetFileName(_shard.Path), offset, samples.Length));
        if (_shard.Bytes >= _shardBytes)
            FinishShard();
    }

    /// <summary>Finishes the shard in progress and waits for every shard to be finished; every clip appended so far is then in the index.</summary>
    public void Complete()
    {
        if (_shard is not null)
            FinishShard();
        _finishing.GetAwaiter().GetResult();
    }

    private void FinishShard()
    {
        var shard = _shard!;
        var entries = _pending.ToList();
        _shard = null;
        _pending.Clear();
        _finishing = _finishing.ContinueWith(previous =>
        {
            previous.GetAwaiter().GetResult(); // a shard after a failed one must not be indexed
            shard.Finish();
            _entries.AddRange(entries);
            CacheIndex.Write(_directory, _entries);
            foreach (var entry in entries)
                CachedClipIds.Add(entry.ClipId);
            BytesWritten += shard.Bytes;
            ShardsWritten++;
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void ThrowIfFinishingFailed()
    {
        if (_finishing.IsFaulted)
            _finishing.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        try
        {
            _finishing.Wait();
        }
        catch (AggregateException)
        {
            // already reported by Append or Complete; the unfinished shard's temporary file is removed below
        }
        _shard?.Dispose();
        _shard = null;
        _pending.Clear();
    }

    private static string ShardName(int number) => $"shard-{number.ToString("D5", CultureInfo.InvariantCulture)}.npy";

    private static int ShardNumber(string name) =>
        int.Parse(Path.GetFileNameWithoutExtension(name)["shard-".Length..], CultureInfo.InvariantCulture);
}
