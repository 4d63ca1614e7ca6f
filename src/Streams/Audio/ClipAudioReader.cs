using System.Buffers;

namespace Pipeline.Streams.Audio;

/// <summary>
/// Reads one clip as mono samples at the pipeline's rate, a chunk at a time: decode (channels averaged), resample
/// chunk by chunk. What it holds does not depend on the clip's length, so a 2-hour file is read with the same memory
/// as a 10-minute one. Every read failure is an <see cref="AudioReadException"/>, the last read's included (the checks
/// that need the whole stream, e.g. truncation). Not thread-safe: one decoder owns it.
/// </summary>
public sealed class ClipAudioReader : IDisposable
{
    private const int DecodeChunk = 16_384;

    private readonly IMonoSource _source;
    private readonly StreamingResampler? _resampler;
    private readonly float[] _decoded = new float[DecodeChunk];
    private readonly float[] _resampled;
    // Samples at the output rate not handed out yet (a decode chunk resamples to more than a read may want), in a pooled
    // buffer: a whole-clip read grows it to the clip's length, and growing a fresh List per clip left megabytes of
    // large-object garbage behind every clip.
    private float[] _ready = ArrayPool<float>.Shared.Rent(DecodeChunk * 4);
    private int _readyCount;
    private bool _drained;
    private bool _disposed;

    private ClipAudioReader(IMonoSource source, int outputRate, ResampleQuality quality)
    {
        _source = source;
        OutputRate = outputRate;
        if (source.SampleRate != outputRate)
            _resampler = new StreamingResampler(source.SampleRate, outputRate, quality);
        _resampled = new float[_resampler?.MaxOutputFor(DecodeChunk) ?? 0];
    }

    /// <summary>A file, through the reader's decoders; <paramref name="stated"/> is its dataset's statement of its length.</summary>
    public static ClipAudioReader Open(AudioFileReader reader, string path, StatedLength? stated, int outputRate, ResampleQuality quality)
    {
        var stream = reader.Open(path, stated);
        try
        {
            return new ClipAudioReader(new FileSource(stream), outputRate, quality);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Audio already in memory (synthetic audio in tests and benchmarks), read the same way.</summary>
    public static ClipAudioReader FromMemory(DecodedAudio audio, int outputRate, ResampleQuality quality) =>
        new(new MemorySource(audio), outputRate, quality);

    public int OutputRate { get; }

    public bool Ended { get; private set; }

    /// <summary>The decoded length at the file's own rate.</summary>
    public double Seconds => (double)_source.FramesRead / _source.SampleRate;

    public IReadOnlyList<string> Warnings => _source.Warnings;

    /// <summary>Up to <paramref name="maxSamples"/> next samples; fewer only at the end (then <see cref="Ended"/>).</summary>
    public float[] Read(int maxSamples)
    {
        while (_readyCount < maxSamples && !_drained)
        {
            var read = _source.Read(_decoded);
            if (read == 0)
            {
                Drain();
                _drained = true;
            }
            else if (_resampler is null)
            {
                Append(_decoded.AsSpan(0, read));
            }
            else
            {
                Append(_resampled.AsSpan(0, _resampler.Process(_decoded.AsSpan(0, read), _resampled)));
            }
        }
        var count = Math.Min(maxSamples, _readyCount);
        var chunk = _ready.AsSpan(0, count).ToArray();
        _ready.AsSpan(count, _readyCount - count).CopyTo(_ready);
        _readyCount -= count;
        Ended = _drained && _readyCount == 0;
        return chunk;
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        if (_readyCount + samples.Length > _ready.Length)
        {
            var larger = ArrayPool<float>.Shared.Rent(Math.Max(_ready.Length * 2, _readyCount + samples.Length));
            _ready.AsSpan(0, _readyCount).CopyTo(larger);
            ArrayPool<float>.Shared.Return(_ready);
            _ready = larger;
        }
        samples.CopyTo(_ready.AsSpan(_readyCount));
        _readyCount += samples.Length;
    }

    /// <summary>The decoder is at its end (and its end checks passed): the resampler's filter gives its last samples.</summary>
    private void Drain()
    {
        if (_resampler is null)
            return;
        int flushed;
        while ((flushed = _resampler.Flush(_resampled)) > 0)
            Append(_resampled.AsSpan(0, flushed));
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        ArrayPool<float>.Shared.Return(_ready);
        _resampler?.Dispose();
        _source.Dispose();
    }

    private interface IMonoSource : IDisposable
    {
        int SampleRate { get; }
        long FramesRead { get; }
        IReadOnlyList<string> Warnings { get; }
        int Read(Span<float> mono);
    }

    private sealed class FileSource(AudioStream stream) : IMonoSource
    {
        public int SampleRate => stream.SampleRate;
        public long FramesRead => stream.FramesRead;
        public IReadOnlyList<string> Warnings => stream.Warnings;
        public int Read(Span<float> mono) => stream.Read(mono);
        public void Dispose() => stream.Dispose();
    }

    private sealed class MemorySource(DecodedAudio audio) : IMonoSource
    {
        public int SampleRate => audio.SampleRate;
        public long FramesRead { get; private set; }
        public IReadOnlyList<string> Warnings => audio.Warnings;

        public int Read(Span<float> mono)
        {
            var count = (int)Math.Min(mono.Length, audio.Samples.Length - FramesRead);
            audio.Samples.AsSpan((int)FramesRead, count).CopyTo(mono);
            FramesRead += count;
            return count;
        }

        public void Dispose()
        {
        }
    }
}
