using Pipeline.Shared.IO;
using System.Runtime.InteropServices;
using Pipeline.Streams.Audio;
using Pipeline.Streams.IO;

namespace Pipeline.Streams.Cache;

/// <summary>
/// Streams int16 samples into one .npy shard under a temporary name. The header's shape is only known at the end,
/// so a fixed-size header is reserved and rewritten on <see cref="Finish"/>, which then renames the file into place.
/// </summary>
internal sealed class ShardWriter : IDisposable
{
    private const int ReservedHeaderBytes = 128;
    private readonly FileStream _stream;
    private readonly string _temporaryPath;
    private readonly short[] _conversion = new short[1 << 16];

    public ShardWriter(string path)
    {
        Path = path;
        _temporaryPath = AtomicFile.TemporaryPathFor(path);
        _stream = new FileStream(_temporaryPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        _stream.Write(new NpyHeader(NpyHeader.Int16, [0]).Encode(ReservedHeaderBytes));
    }

    public string Path { get; }

    /// <summary>Samples written so far; also the offset the next clip starts at.</summary>
    public long SampleCount { get; private set; }

    public long Bytes => ReservedHeaderBytes + SampleCount * sizeof(short);

    public long Append(ReadOnlySpan<float> samples)
    {
        var offset = SampleCount;
        // Converted a chunk at a time: a whole track (up to 69 minutes in MTG-Jamendo, 183 MB of int16 at 22,050 Hz)
        // would otherwise leave a buffer of its size behind for the rest of the extraction.
        for (var start = 0; start < samples.Length; start += _conversion.Length)
        {
            var chunk = samples.Slice(start, Math.Min(_conversion.Length, samples.Length - start));
            var converted = _conversion.AsSpan(0, chunk.Length);
            SampleConversion.ToInt16(chunk, converted);
            _stream.Write(MemoryMarshal.AsBytes(converted));
        }
        SampleCount += samples.Length;
        return offset;
    }

    public void Finish()
    {
        var header = new NpyHeader(NpyHeader.Int16, [SampleCount]).Encode(ReservedHeaderBytes);
        if (header.Length != ReservedHeaderBytes)
            throw new InvalidOperationException("the .npy header outgrew its reserved space");
        _stream.Position = 0;
        _stream.Write(header);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temporaryPath, Path, overwrite: true);
    }

    /// <summary>Abandons an unfinished shard: the temporary file is removed, nothing appears under the final name.</summary>
    public void Dispose()
    {
        if (!File.Exists(_temporaryPath))
            return;
        _stream.Dispose();
        File.Delete(_temporaryPath);
    }
}
