namespace Pipeline.Synth;

/// <summary>How a <see cref="PartWriter"/> picks pitches: chord voicings, bass roots, the key's steps nearest a pitch.</summary>
public sealed partial class PartWriter
{
    private int[] Voicing(int bar, int low) =>
    [
        .. _piece.ChordSteps(bar)
            .Select(step => Piece.PlaceAbove(_piece.Key(step), low))
            .Select(key => key < _instrument.Lowest ? key + 12 : key)
            .Distinct()
            .Order(),
    ];

    private int BassRoot(int bar) =>
        Math.Max(Piece.PlaceAbove(_piece.Key(_piece.ChordSteps(bar)[0]), _register - 6), _instrument.Lowest);

    /// <summary>The scale step of <paramref name="step"/>'s pitch class whose key is nearest <paramref name="key"/>.</summary>
    private int OctaveNear(int step, int key) =>
        Enumerable.Range(-4, 9).Select(octave => step + 7 * octave).MinBy(s => Math.Abs(_piece.Key(s) - key));

    private int KeyNearest(int step, int previous, int lowest, int highest)
    {
        var candidates = Enumerable.Range(-4, 9).Select(octave => _piece.Key(step + 7 * octave)).Where(k => k >= lowest && k <= highest).ToList();
        return candidates.Count > 0 ? candidates.MinBy(k => Math.Abs(k - previous)) : Math.Clamp(_piece.Key(step), lowest, highest);
    }

    private int NearestChordTone(int step, int bar, int lowest, int highest)
    {
        var chord = _piece.ChordSteps(bar).Select(s => ((s % 7) + 7) % 7).ToHashSet();
        return Enumerable.Range(step - 3, 7)
            .Where(s => chord.Contains(((s % 7) + 7) % 7))
            .OrderBy(s => Math.Abs(s - step))
            .Select(s => Reflect(s, lowest, highest))
            .First();
    }

    private static int Reflect(int step, int lowest, int highest)
    {
        if (highest <= lowest)
            return lowest;
        if (step < lowest) step = lowest + (lowest - step);
        if (step > highest) step = highest - (step - highest);
        return Math.Clamp(step, lowest, highest);
    }

    /// <summary>The velocity of a note at a position in its bar: the piece's dynamic, the part's offset, a downbeat accent and a little human unevenness.</summary>
}
