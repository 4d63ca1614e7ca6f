using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>A seven-note scale as semitone steps above its tonic; chords are stacked thirds within it.</summary>
public sealed record Mode(string Name, ImmutableArray<int> Semitones)
{
    public static readonly Mode Major = new("major", [0, 2, 4, 5, 7, 9, 11]);
    public static readonly Mode Minor = new("minor", [0, 2, 3, 5, 7, 8, 10]);
    public static readonly Mode HarmonicMinor = new("harmonic minor", [0, 2, 3, 5, 7, 8, 11]);
    public static readonly Mode Dorian = new("dorian", [0, 2, 3, 5, 7, 9, 10]);
    public static readonly Mode Mixolydian = new("mixolydian", [0, 2, 4, 5, 7, 9, 10]);
    public static readonly Mode Phrygian = new("phrygian", [0, 1, 3, 5, 7, 8, 10]);
    public static readonly Mode Lydian = new("lydian", [0, 2, 4, 6, 7, 9, 11]);
    /// <summary>Raga Bhairav's notes: flat second and sixth, the sound most listeners hear as Indian.</summary>
    public static readonly Mode Bhairav = new("bhairav", [0, 1, 4, 5, 7, 8, 11]);

    /// <summary>The semitone offset of scale step <paramref name="step"/> (any integer; steps beyond 0..6 change octave).</summary>
    public int Offset(int step)
    {
        var octave = (int)Math.Floor(step / 7.0);
        return Semitones[step - octave * 7] + 12 * octave;
    }

    /// <summary>Scale steps of the chord on <paramref name="degree"/>: root, third, fifth (and seventh).</summary>
    public static int[] ChordSteps(int degree, bool seventh) =>
        seventh ? [degree, degree + 2, degree + 4, degree + 6] : [degree, degree + 2, degree + 4];
}
