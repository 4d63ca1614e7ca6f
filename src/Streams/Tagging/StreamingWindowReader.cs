using Pipeline.Streams.Audio;

namespace Pipeline.Streams.Tagging;

/// <summary>
/// Reads one audio file as windows at the model's rate, a chunk at a time: decode (channels averaged), resample
/// chunk by chunk, cut. What it holds does not depend on the file's length, so a 2-hour file is read with the same
/// memory as a 10-minute one. Every read failure is an <see cref="AudioReadException"/>, the last read's included
/// (the checks that need the whole stream, e.g. truncation). Not thread-safe: one decoder owns it.
/// </summary>
public sealed class StreamingWindowReader : IDisposable
{
    private const int DecodeChunk = 16_384;

    private readonly AudioStream _stream;
    private readonly StreamingResampler? _resampler;
    private readonly WindowCutter _cutter;
    private readonly float[] _decoded = new float[DecodeChunk];
    private readonly float[] _resampled;
    private bool _drained;

    private StreamingWindowReader(AudioStream stream, WindowShape shape, ResampleQuality quality)
    {
        _stream = stream;
        _cutter = new WindowCutter(shape);
        if (stream.SampleRate != shape.SampleRate)
            _resampler = new StreamingResampler(stream.SampleRate, shape.SampleRate, quality);
        _resampled = new float[_resampler?.MaxOutputFor(DecodeChunk) ?? 0];
    }

    public static StreamingWindowReader Open(AudioFileReader reader, string path, WindowShape shape, ResampleQuality quality)
    {
        var stream = reader.Open(path);
        try
        {
            return new StreamingWindowReader(stream, shape, quality);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool Ended { get; private set; }

    /// <summary>Windows read so far.</summary>
    public long Windows => _cutter.Windows;

    /// <summary>The decoded length at the file's own rate.</summary>
    public double Seconds => (double)_stream.FramesRead / _stream.SampleRate;

    public IReadOnlyList<string> Warnings => _stream.Warnings;

    /// <summary>Up to <paramref name="maxWindows"/> next windows; fewer only at the end (then <see cref="Ended"/>).</summary>
    public List<float[]> Read(int maxWindows)
    {
        var windows = new List<float[]>(maxWindows);
        while (windows.Count < maxWindows && !Ended)
        {
            if (_cutter.TakeWindow() is { } window)
                windows.Add(window);
            else if (_drained)
                End(windows);
            else if (!DecodeMore())
                Drain();
        }
        return windows;
    }

    private bool DecodeMore()
    {
        var read = _stream.Read(_decoded);
        if (read == 0)
            return false;
        if (_resampler is null)
        {
            _cutter.Append(_decoded.AsSpan(0, read));
        }
        else
        {
            var written = _resampler.Process(_decoded.AsSpan(0, read), _resampled);
            _cutter.Append(_resampled.AsSpan(0, written));
        }
        return true;
    }

    /// <summary>The decoder is at its end (and its end checks passed): the resampler's filter gives its last samples.</summary>
    private void Drain()
    {
        if (_resampler is not null)
        {
            int flushed;
            while ((flushed = _resampler.Flush(_resampled)) > 0)
                _cutter.Append(_resampled.AsSpan(0, flushed));
        }
        _drained = true;
    }

    private void End(List<float[]> windows)
    {
        if (_cutter.TakeLastWindow() is { } padded)
            windows.Add(padded);
        Ended = true;
    }

    public void Dispose()
    {
        _resampler?.Dispose();
        _stream.Dispose();
    }
}
