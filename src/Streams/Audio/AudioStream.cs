using System.Buffers;
using Pipeline.Streams.Audio.Pcm;
using Pipeline.Streams.Audio.Input;

namespace Pipeline.Streams.Audio;

/// <summary>
/// A file being decoded in chunks, to mono (<see cref="Read"/>, channels averaged) or with its channels
/// (<see cref="ReadInterleaved"/>). Reading past the end runs the checks that need the whole stream, so the last read
/// can still throw <see cref="AudioReadException"/> (e.g. truncated).
/// </summary>
public sealed class AudioStream : IDisposable
{
    private const int ChunkFrames = 16_384;

    private readonly FileBytes _bytes;
    private readonly IPcmReader _pcm;
    private readonly EndOfStreamChecks _checks;
    private readonly List<string> _warnings;
    private readonly float[] _interleaved;
    private bool _finished;

    internal AudioStream(FileBytes bytes, IPcmReader pcm, string decoder, long? expectedFrames, List<string> warnings, EndOfStreamChecks checks)
    {
        _bytes = bytes;
        _pcm = pcm;
        Decoder = decoder;
        ExpectedFrames = expectedFrames;
        _warnings = warnings;
        _checks = checks;
        _interleaved = ArrayPool<float>.Shared.Rent(ChunkFrames * pcm.Channels);
    }

    public string Path => _bytes.Path;

    public int SampleRate => _pcm.SampleRate;

    /// <summary>Channels of <see cref="ReadInterleaved"/>; 1 for a stream decoded to mono because it switches channel count.</summary>
    public int Channels => _pcm.Channels;

    /// <summary>Which decoder reads the file: "libsndfile" or "nlayer".</summary>
    public string Decoder { get; }

    /// <summary>The exact length in samples when the file's structure gives it (MPEG), else null.</summary>
    public long? ExpectedFrames { get; }

    public long FramesRead { get; private set; }

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Writes up to <c>mono.Length</c> samples; returns how many, 0 at the end (after the end checks pass).</summary>
    public int Read(Span<float> mono)
    {
        var channels = _pcm.Channels;
        var frames = ReadFrames(_interleaved.AsSpan(0, Math.Min(mono.Length, ChunkFrames) * channels));
        Downmix(_interleaved.AsSpan(0, frames * channels), channels, mono[..frames]);
        return frames;
    }

    /// <summary>Writes whole frames of <see cref="Channels"/> samples; returns how many frames, 0 at the end.</summary>
    public int ReadInterleaved(Span<float> interleaved) => ReadFrames(interleaved[..(interleaved.Length / Channels * Channels)]);

    private int ReadFrames(Span<float> interleaved)
    {
        if (_finished || interleaved.IsEmpty)
            return 0;
        var frames = _pcm.ReadFrames(interleaved);
        if (frames == 0)
        {
            _finished = true;
            _checks.Verify(FramesRead, SampleRate, ExpectedFrames, _warnings);
            return 0;
        }
        FramesRead += frames;
        return frames;
    }

    public DecodedAudio ReadToEnd()
    {
        var samples = new float[ExpectedFrames is > 0 and < int.MaxValue ? (int)ExpectedFrames : 1 << 18];
        var written = 0;
        Span<float> probe = stackalloc float[1];
        while (true)
        {
            if (written == samples.Length)
            {
                // Full at the expected length: grow only if there is more, not to find out that there is not.
                if (Read(probe) == 0)
                    break;
                Array.Resize(ref samples, samples.Length * 2);
                samples[written++] = probe[0];
            }
            var read = Read(samples.AsSpan(written));
            if (read == 0)
                break;
            written += read;
        }
        if (written != samples.Length)
            Array.Resize(ref samples, written);
        return new DecodedAudio(samples, SampleRate) { Warnings = [.. _warnings] };
    }

    private static void Downmix(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        if (channels == 1)
        {
            interleaved.CopyTo(mono);
            return;
        }
        var scale = 1f / channels;
        for (var frame = 0; frame < mono.Length; frame++)
        {
            var sum = 0f;
            var offset = frame * channels;
            for (var c = 0; c < channels; c++)
                sum += interleaved[offset + c];
            mono[frame] = sum * scale;
        }
    }

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(_interleaved);
        _pcm.Dispose();
        _bytes.Dispose();
    }
}
