using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Windows;

/// <summary>
/// Cuts a clip into the windows of its <see cref="WindowGrid"/>, the one place any job cuts windows: from samples
/// that arrive in chunks (<see cref="Append"/>, <see cref="TakeWindow"/>; it holds only what the next window still
/// needs, at most a window and a chunk, so memory does not depend on the clip's length), or from a whole clip at any
/// window (<see cref="Cut"/>). Both give the same windows: the grid's, inverted where it says so.
/// </summary>
public sealed class WindowCutter(WindowGrid grid)
{
    private float[] _held = new float[grid.Length];
    // _held[0] is sample _heldStart of the clip; the clip has delivered _heldStart + _heldCount samples.
    private long _heldStart;
    private int _heldCount;

    public WindowGrid Grid { get; } = grid;

    /// <summary>Windows cut so far.</summary>
    public long Windows { get; private set; }

    /// <summary>Samples received so far.</summary>
    public long Samples => _heldStart + _heldCount;

    private long NextStart => Grid.Start(Windows);

    /// <summary>Window <paramref name="window"/> of a whole clip, zero-padded where the clip ends first.</summary>
    public static float[] Cut(WindowGrid grid, IClipSamples samples, long window)
    {
        var cut = new float[grid.Length];
        var start = grid.Start(window);
        var available = (int)Math.Clamp(samples.Length - start, 0, grid.Length);
        if (available > 0)
            samples.CopyTo((int)start, cut.AsSpan(0, available));
        if (grid.Inverted(window))
            Invert(cut);
        return cut;
    }

    public void Append(ReadOnlySpan<float> samples)
    {
        // Samples before the next window's start (a hop longer than the window, a jittered start) are never needed.
        var skip = (int)Math.Clamp(NextStart - Samples, 0, samples.Length);
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

    /// <summary>The next whole window, or null until enough samples have arrived (or when the grid has no more).</summary>
    public float[]? TakeWindow()
    {
        var offset = NextStart - _heldStart;
        if (Grid.MaxWindows is { } most && Windows >= most || offset < 0 || offset + Grid.Length > _heldCount)
            return null;
        var window = _held.AsSpan((int)offset, Grid.Length).ToArray();
        return Taken(window);
    }

    /// <summary>
    /// At the end of the clip: the one zero-padded window of a clip shorter than a window, or null (a longer clip's
    /// whole windows have all been taken; its tail shorter than a hop is left out).
    /// </summary>
    public float[]? TakeLastWindow()
    {
        var offset = NextStart - _heldStart;
        if (Windows > 0 || Samples == 0 || offset < 0)
            return null;
        var window = new float[Grid.Length];
        if (offset < _heldCount)
            _held.AsSpan((int)offset, _heldCount - (int)offset).CopyTo(window);
        return Taken(window);
    }

    private float[] Taken(float[] window)
    {
        if (Grid.Inverted(Windows))
            Invert(window);
        Windows++;
        Discard();
        return window;
    }

    private void Discard()
    {
        var drop = (int)Math.Min(NextStart - _heldStart, _heldCount);
        if (drop <= 0)
            return;
        _held.AsSpan(drop, _heldCount - drop).CopyTo(_held);
        _heldCount -= drop;
        _heldStart += drop;
    }

    public static void Invert(float[] samples)
    {
        for (var i = 0; i < samples.Length; i++)
            samples[i] = -samples[i];
    }
}
