using Pipeline.Streams.Audio.Native;

namespace Pipeline.Streams.Audio;

/// <summary>
/// Resamples a mono stream that arrives in chunks (one soxr instance; not thread-safe). Feed chunks with
/// <see cref="Process"/>, then call <see cref="Flush"/> once to drain the filter's tail.
/// </summary>
public sealed unsafe class StreamingResampler : IDisposable
{
    private IntPtr _soxr;
    private bool _flushed;

    public StreamingResampler(int inputRate, int outputRate, ResampleQuality quality)
    {
        if (inputRate <= 0) throw new ArgumentOutOfRangeException(nameof(inputRate), inputRate, "must be positive");
        if (outputRate <= 0) throw new ArgumentOutOfRangeException(nameof(outputRate), outputRate, "must be positive");
        InputRate = inputRate;
        OutputRate = outputRate;

        var io = LibSoxr.MakeIoSpec(LibSoxr.Float32Interleaved, LibSoxr.Float32Interleaved);
        var q = LibSoxr.MakeQualitySpec((nuint)quality, 0);
        // One thread: the pipeline already runs one resampler per core; soxr's own threads would fight them.
        var runtime = LibSoxr.MakeRuntimeSpec(1);
        _soxr = LibSoxr.Create(inputRate, outputRate, 1, out var error, io, q, runtime);
        LibSoxr.ThrowIfError(error, "create");
        if (_soxr == IntPtr.Zero)
            throw new InvalidOperationException("soxr_create returned no resampler");
    }

    public int InputRate { get; }
    public int OutputRate { get; }
    public double Ratio => (double)OutputRate / InputRate;

    /// <summary>An output size that always holds what one call can produce for <paramref name="inputLength"/> samples.</summary>
    public int MaxOutputFor(int inputLength) => (int)Math.Ceiling(inputLength * Ratio) + 64;

    /// <summary>
    /// Consumes all of <paramref name="input"/> and writes the samples that are ready into <paramref name="output"/>,
    /// which must hold at least <see cref="MaxOutputFor"/> samples. Returns how many were written.
    /// </summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        ObjectDisposedException.ThrowIf(_soxr == IntPtr.Zero, this);
        if (_flushed) throw new InvalidOperationException("the stream was already flushed");
        var written = 0;
        var consumed = 0;
        fixed (float* inPtr = input)
        fixed (float* outPtr = output)
        {
            while (consumed < input.Length)
            {
                var error = LibSoxr.Process(_soxr, inPtr + consumed, (nuint)(input.Length - consumed), out var inDone,
                    outPtr + written, (nuint)(output.Length - written), out var outDone);
                LibSoxr.ThrowIfError(error, "process");
                consumed += (int)inDone;
                written += (int)outDone;
                if (inDone == 0 && outDone == 0)
                    throw new ArgumentException("output buffer too small for the resampled chunk", nameof(output));
            }
        }
        return written;
    }

    /// <summary>
    /// Signals the end of input and writes the filter's remaining samples into <paramref name="output"/>.
    /// Returns how many were written; call again until it returns 0.
    /// </summary>
    public int Flush(Span<float> output)
    {
        ObjectDisposedException.ThrowIf(_soxr == IntPtr.Zero, this);
        _flushed = true;
        if (output.IsEmpty)
            return 0;
        fixed (float* outPtr = output)
        {
            var error = LibSoxr.Process(_soxr, null, 0, out _, outPtr, (nuint)output.Length, out var outDone);
            LibSoxr.ThrowIfError(error, "flush");
            return (int)outDone;
        }
    }

    public void Dispose()
    {
        if (_soxr != IntPtr.Zero)
        {
            LibSoxr.Delete(_soxr);
            _soxr = IntPtr.Zero;
        }
    }
}
