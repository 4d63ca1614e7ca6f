namespace Pipeline.Streams.Tagging;

/// <summary>
/// Cuts a stream of samples that arrives in chunks into the windows of a <see cref="WindowShape"/>, holding only
/// what the next window still needs (at most a window and a chunk), so memory does not depend on the stream's length.
/// </summary>
public sealed class WindowCutter(WindowShape shape)
{
    private float[] _held = new float[shape.WindowSamples];
    // _held[0] is sample _heldStart of the stream; the stream has delivered _heldStart + _heldCount samples.
    private long _heldStart;
    private int _heldCount;
    private long _nextStart;

    public WindowShape Shape { get; } = shape;

    /// <summary>Windows cut so far.</summary>
    public long Windows { get; private set; }

    /// <summary>Samples received so far.</summary>
    public long Samples => _heldStart + _heldCount;

    public void Append(ReadOnlySpan<float> samples)
    {
        // Samples before the next window's start (a hop longer than the window leaves gaps) are never needed.
        var skip = (int)Math.Clamp(_nextStart - Samples, 0, samples.Length);
        if (_heldCount == 0)
            _heldStart += skip;
        else
            skip = 0;
        samples = samples[skip..];
        if (_heldCount + samples.Length > _held.Length)
            Array.Resize(ref _held, Math.Max(_heldCount + samples.Length, _held.Length * 2));
        samples.CopyTo(_held.AsSpan(_heldCount));
        _heldCount += samples.Length;
    }

    /// <summary>The next whole window, or null until enough samples have arrived.</summary>
    public float[]? TakeWindow()
    {
        var offset = _nextStart - _heldStart;
        if (offset < 0 || offset + Shape.WindowSamples > _heldCount)
            return null;
        var window = _held.AsSpan((int)offset, Shape.WindowSamples).ToArray();
        _nextStart += Shape.HopSamples;
        Windows++;
        Discard();
        return window;
    }

    /// <summary>
    /// At the end of the stream: the one zero-padded window of a stream shorter than a window, or null (a longer
    /// stream's whole windows have all been taken; its tail shorter than a hop is left out).
    /// </summary>
    public float[]? TakeLastWindow()
    {
        if (Windows > 0 || Samples == 0)
            return null;
        var window = new float[Shape.WindowSamples];
        _held.AsSpan(0, _heldCount).CopyTo(window);
        Windows++;
        return window;
    }

    private void Discard()
    {
        var drop = (int)Math.Min(_nextStart - _heldStart, _heldCount);
        if (drop <= 0)
            return;
        _held.AsSpan(drop, _heldCount - drop).CopyTo(_held);
        _heldCount -= drop;
        _heldStart += drop;
    }
}
