using System.IO.MemoryMappedFiles;
using Pipeline.Streams.Audio;
using Pipeline.Streams.IO;
using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Cache;

/// <summary>
/// Reads the audio cache: shards are memory-mapped once, and a clip's samples are converted to float only for the
/// windows that are actually read. Safe to read from several threads.
/// </summary>
public sealed unsafe class AudioCache : IDisposable
{
    private readonly Dictionary<string, CacheEntry> _entries;
    private readonly Dictionary<string, MappedShard> _shards = new(StringComparer.Ordinal);

    private AudioCache(string directory, int sampleRate, IReadOnlyList<CacheEntry> entries)
    {
        Directory = directory;
        SampleRate = sampleRate;
        _entries = entries.ToDictionary(e => e.ClipId, StringComparer.Ordinal);
        foreach (var shard in entries.Select(e => e.Shard).Distinct())
            _shards[shard] = new MappedShard(Path.Combine(directory, shard));
    }

    public string Directory { get; }
    public int SampleRate { get; }
    public int Count => _entries.Count;

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, CacheIndex.IndexFile));

    public static AudioCache Open(string directory)
    {
        var rate = CacheIndex.ReadSampleRate(directory)
                   ?? throw new FileNotFoundException($"no audio cache in {directory} (run extract with --audio)");
        return new AudioCache(directory, rate, CacheIndex.Read(directory));
    }

    public bool Contains(string clipId) => _entries.ContainsKey(clipId);

    public IClipSamples SamplesOf(string clipId)
    {
        var entry = _entries.TryGetValue(clipId, out var e) ? e : throw new KeyNotFoundException($"clip {clipId} is not in the audio cache");
        var shard = _shards[entry.Shard];
        if (entry.Offset + entry.Length > shard.SampleCount)
            throw new InvalidDataException($"{shard.Path}: index entry for clip {clipId} points past the end of the shard");
        return new CachedSamples(shard.Samples + entry.Offset, entry.Length);
    }

    public float[] ReadAll(string clipId)
    {
        var samples = SamplesOf(clipId);
        var result = new float[samples.Length];
        samples.CopyTo(0, result);
        return result;
    }

    public void Dispose()
    {
        foreach (var shard in _shards.Values)
            shard.Dispose();
        _shards.Clear();
    }

    private sealed class CachedSamples(short* start, int length) : IClipSamples
    {
        public int Length => length;

        public void CopyTo(int offset, Span<float> destination)
        {
            if (offset < 0 || offset + destination.Length > length)
                throw new ArgumentOutOfRangeException(nameof(offset), offset, $"window outside the clip's {length} samples");
            SampleConversion.ToFloat(new ReadOnlySpan<short>(start + offset, destination.Length), destination);
        }
    }

    private sealed class MappedShard : IDisposable
    {
        private readonly MemoryMappedFile _file;
        private readonly MemoryMappedViewAccessor _view;
        private byte* _base;

        public MappedShard(string path)
        {
            Path = path;
            int dataOffset;
            NpyHeader header;
            using (var stream = File.OpenRead(path))
                (header, dataOffset) = NpyHeader.Read(stream, path);
            if (header.DataType != NpyHeader.Int16 || header.Shape.Count != 1)
                throw new InvalidDataException($"{path}: expected a 1-D int16 array, found {header.DataType} {string.Join('x', header.Shape)}");
            SampleCount = header.Shape[0];
            _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref _base);
            Samples = (short*)(_base + _view.PointerOffset + dataOffset);
        }

        public string Path { get; }
        public long SampleCount { get; }
        public short* Samples { get; }

        public void Dispose()
        {
            if (_base != null)
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
                _base = null;
            }
            _view.Dispose();
            _file.Dispose();
        }
    }
}
