using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>
/// The musical frame one clip is written in: its bars, the chord of each bar, the key and the time grid. Positions
/// are in beats from the start; <see cref="Tick"/> turns them into MIDI ticks, applying swing where the style has it.
/// </summary>
public sealed record Piece(ClipRecipe Recipe, int Bars, ImmutableArray<int> ChordOfBar)
{
    public const int TicksPerBeat = 480;

    /// <summary>MIDI key of scale step 0 in the octave around middle C.</summary>
    private int TonicKey => 60 + Recipe.Tonic;

    public int BeatsPerBar => Recipe.BeatsPerBar;

    public double TotalBeats => Bars * BeatsPerBar;

    /// <summary>The tick of a position in beats; in swung styles an off-beat eighth falls two thirds into its beat.</summary>
    public long Tick(double beat)
    {
        var whole = Math.Floor(beat);
        var fraction = beat - whole;
        if (Recipe.Style.Swing && Math.Abs(fraction - 0.5) < 1e-9)
            fraction = 2.0 / 3.0;
        return (long)Math.Round((whole + fraction) * TicksPerBeat);
    }

    public long Ticks(double beats) => (long)Math.Round(beats * TicksPerBeat);

    /// <summary>The MIDI key of a scale step (steps outside 0..6 move by octaves).</summary>
    public int Key(int step) => TonicKey + Recipe.Mode.Offset(step);

    /// <summary>The scale step whose key is nearest to <paramref name="key"/>.</summary>
    public int StepNear(int key)
    {
        var guess = (int)Math.Round((key - TonicKey) * 7 / 12.0);
        return Enumerable.Range(guess - 3, 7).MinBy(step => Math.Abs(Key(step) - key));
    }

    /// <summary>The key of pitch class <paramref name="key"/> that lies in [<paramref name="low"/>, <paramref name="low"/> + 12).</summary>
    public static int PlaceAbove(int key, int low) => low + (((key - low) % 12) + 12) % 12;

    /// <summary>Scale steps of the chord of a bar (root, third, fifth, and the seventh in styles that use sevenths).</summary>
    public int[] ChordSteps(int bar) => Mode.ChordSteps(ChordOfBar[bar], Recipe.Style.Sevenths);

    public int ChordOfBarAfter(int bar) => ChordOfBar[Math.Min(bar + 1, Bars - 1)];
}
