namespace Pipeline.Streams.Windows;

/// <summary>
/// Where a clip's windows are for one pass over it: the first starts at <see cref="Offset"/>, each next one
/// <see cref="Hop"/> samples later, and there are as many as whole windows fit in the clip (at most
/// <see cref="MaxWindows"/>), or one zero-padded window for a clip shorter than a window; some may have their sign
/// inverted (polarity augmentation). Evaluation's and tagging's grids start at 0 and invert nothing; training's are
/// drawn per clip and epoch (<see cref="WindowPlan"/>). <see cref="WindowCutter"/> cuts by it.
/// </summary>
public sealed class WindowGrid
{
    private readonly bool[]? _inverted;

    public WindowGrid(int length, int hop, long offset = 0, long? maxWindows = null, bool[]? inverted = null)
    {
        Length = length > 0 ? length : throw new ArgumentOutOfRangeException(nameof(length), length, "must be positive");
        Hop = hop > 0 ? hop : throw new ArgumentOutOfRangeException(nameof(hop), hop, "must be positive");
        Offset = offset >= 0 ? offset : throw new ArgumentOutOfRangeException(nameof(offset), offset, "must not be negative");
        MaxWindows = maxWindows;
        _inverted = inverted;
    }

    public int Length { get; }
    public int Hop { get; }
    public long Offset { get; }
    public long? MaxWindows { get; }

    /// <summary>How many windows a clip of <paramref name="samples"/> samples gives (none for a clip without samples).</summary>
    public long CountFor(long samples)
    {
        if (samples <= 0)
            return 0;
        var whole = samples - Offset >= Length ? (samples - Offset - Length) / Hop + 1 : 1;
        return MaxWindows is { } most ? Math.Min(whole, most) : whole;
    }

    /// <summary>Where window <paramref name="window"/> starts, in samples from the clip's start.</summary>
    public long Start(long window) => Offset + window * Hop;

    public bool Inverted(long window) => _inverted is not null && window < _inverted.Length && _inverted[window];
}
