using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>
/// Writes the drum part of a piece (General MIDI percussion keys on the drum channel). Every groove keeps time in
/// every beat, so "drums" and "percussion" hold in any window of a clip.
/// </summary>
public sealed class DrumWriter(Piece piece, DrumGroove groove, Random random)
{
    private const int Kick = 36;
    private const int Snare = 38;
    private const int Clap = 39;
    private const int ClosedHat = 42;
    private const int PedalHat = 44;
    private const int OpenHat = 46;
    private const int Crash = 49;
    private const int Ride = 51;
    private const int HighTom = 50;
    private const int MiddleTom = 47;
    private const int LowTom = 45;
    private const int FloorTom = 43;
    private const int HighBongo = 60;
    private const int LowBongo = 61;
    private const int MutedHighConga = 62;
    private const int OpenHighConga = 63;
    private const int LowConga = 64;

    private readonly List<MidiNote> _notes = [];

    public ImmutableArray<MidiNote> Write()
    {
        for (var bar = 0; bar < piece.Bars; bar++)
        {
            switch (groove)
            {
                case DrumGroove.Rock: RockBar(bar); break;
                case DrumGroove.FourOnTheFloor: FourOnTheFloorBar(bar); break;
                case DrumGroove.Backbeat: BackbeatBar(bar); break;
                case DrumGroove.Swing: SwingBar(bar); break;
                case DrumGroove.Tabla: TablaBar(bar); break;
                default: throw new ArgumentOutOfRangeException(nameof(groove), groove, "unknown groove");
            }
        }
        return [.. _notes];
    }

    private int Beats => piece.BeatsPerBar;

    private void RockBar(int bar)
    {
        var fill = bar % 8 == 7;
        for (var eighth = 0; eighth < Beats * 2; eighth++)
        {
            var position = eighth / 2.0;
            if (fill && position >= Beats - 1)
                continue;
            var onBeat = eighth % 2 == 0;
            Hit(bar, position, eighth == 0 && bar % 4 == 0 ? Crash : ClosedHat, onBeat ? -6 : -14);
            if (eighth % 4 == 0 || (eighth == 5 && bar % 2 == 1))
                Hit(bar, position, Kick, 0);
            if (eighth % 4 == 2)
                Hit(bar, position, Snare, 0);
        }
        if (fill)
        {
            int[] toms = [HighTom, HighTom, MiddleTom, MiddleTom, LowTom, LowTom, FloorTom, FloorTom];
            for (var sixteenth = 0; sixteenth < 4; sixteenth++)
                Hit(bar, Beats - 1 + sixteenth * 0.25, toms[sixteenth * 2 + random.Next(2)], -4);
            Hit(bar, Beats - 1, Kick, 0);
        }
    }

    private void FourOnTheFloorBar(int bar)
    {
        for (var sixteenth = 0; sixteenth < Beats * 4; sixteenth++)
        {
            var position = sixteenth / 4.0;
            if (sixteenth % 4 == 0)
                Hit(bar, position, Kick, 4);
            if (sixteenth % 8 == 4)
                Hit(bar, position, Clap, -2);
            Hit(bar, position, sixteenth % 4 == 2 ? OpenHat : ClosedHat, sixteenth % 4 == 2 ? -8 : -20);
        }
        if (bar % 8 == 0)
            Hit(bar, 0, Crash, -6);
    }

    private void BackbeatBar(int bar)
    {
        for (var eighth = 0; eighth < Beats * 2; eighth++)
        {
            var position = eighth / 2.0;
            Hit(bar, position, eighth == 0 && bar % 8 == 0 ? Crash : ClosedHat, eighth % 2 == 0 ? -8 : -16);
            if (eighth == 0 || eighth == 3 || eighth == 4)
                Hit(bar, position, Kick, 0);
            if (eighth % 4 == 2)
                Hit(bar, position, Snare, 0);
        }
    }

    private void SwingBar(int bar)
    {
        for (var beat = 0; beat < Beats; beat++)
        {
            Hit(bar, beat, Ride, beat % 2 == 0 ? -4 : -8);
            if (beat % 2 == 1)
            {
                Hit(bar, beat + 0.5, Ride, -12);
                Hit(bar, beat, PedalHat, -10);
            }
            if (beat % 2 == 0)
                Hit(bar, beat, Kick, -16);
        }
        // A drummer's snare comping: one or two soft hits on swung off-beats.
        for (var i = random.Between(1, 2); i > 0; i--)
            Hit(bar, random.Next(Beats) + 0.5, Snare, -18);
    }

    private void TablaBar(int bar)
    {
        // Teental's sixteen strokes, four per bar: dha dhin dhin dha | dha dhin dhin dha | dha tin tin ta | ta dhin dhin dha.
        string[] theka = ["dha", "dhin", "dhin", "dha", "dha", "dhin", "dhin", "dha", "dha", "tin", "tin", "ta", "ta", "dhin", "dhin", "dha"];
        for (var beat = 0; beat < Beats; beat++)
        {
            var stroke = theka[(bar * Beats + beat) % theka.Length];
            foreach (var key in Stroke(stroke))
                Hit(bar, beat, key, stroke == "dha" ? 0 : -6);
            // Faster pieces fill the off-beats with light "na" strokes, as tabla players do.
            if (piece.Recipe.Tempo != TempoClass.Slow || random.Chance(0.5))
                Hit(bar, beat + 0.5, HighBongo, -14);
        }
    }

    private static int[] Stroke(string bol) => bol switch
    {
        "dha" => [LowConga, OpenHighConga],
        "dhin" => [LowConga, MutedHighConga],
        "tin" => [MutedHighConga],
        "ta" => [HighBongo, LowBongo],
        _ => throw new ArgumentOutOfRangeException(nameof(bol), bol, "unknown tabla stroke"),
    };

    private void Hit(int bar, double position, int key, int accent)
    {
        var start = piece.Tick(bar * Beats + position);
        var velocity = piece.Recipe.Level.Velocity() + accent + random.Between(-4, 4);
        _notes.Add(new MidiNote(start, piece.Ticks(0.25), key, Math.Clamp(velocity, 12, 127)));
    }
}
