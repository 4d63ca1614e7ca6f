using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>
/// Writes the notes of one pitched part of a piece in its texture. Every texture fills the whole piece without
/// rests longer than a beat, because a clip's tags must hold in any few-second window of it.
/// </summary>
public sealed partial class PartWriter
{
    private readonly Piece _piece;
    private readonly Instrument _instrument;
    private readonly PartRecipe _part;
    private readonly Random _random;
    private readonly int _register;
    private readonly List<MidiNote> _notes = [];

    public PartWriter(Piece piece, Instrument instrument, PartRecipe part, Random random)
    {
        _piece = piece;
        _instrument = instrument;
        _part = part;
        _random = random;
        // Each track sits a little higher or lower than the recipe says, so tracks of a style differ in register too.
        _register = Math.Clamp(part.Register + random.Between(-3, 3), instrument.Lowest + 4, instrument.Highest - 4);
    }

    public ImmutableArray<MidiNote> Write()
    {
        switch (_part.Texture)
        {
            case Texture.Melody: Melody(); break;
            case Texture.Arpeggio: Arpeggio(); break;
            case Texture.Chords: Chords(); break;
            case Texture.Strum: Strum(); break;
            case Texture.PowerChords: PowerChords(); break;
            case Texture.Comping: Comping(); break;
            case Texture.BassEighths: BassEighths(); break;
            case Texture.BassOffbeat: BassOffbeat(); break;
            case Texture.BassRootFifth: BassRootFifth(); break;
            case Texture.BassWalking: BassWalking(); break;
            case Texture.Drone: Drone(); break;
            default: throw new ArgumentOutOfRangeException(nameof(_part), _part.Texture, "unknown texture");
        }
        return [.. _notes];
    }

    private int BeatsPerBar => _piece.BeatsPerBar;

    private TempoClass Tempo => _piece.Recipe.Tempo;

    /// <summary>
    /// Beats between the notes of an even stream. Slow pieces play their streams at half the rate, so slow and fast
    /// differ in notes per second (about 1-2 against 5 or more), not only in the metronome mark.
    /// </summary>
    private double Step => Tempo == TempoClass.Slow ? _part.Step * 2 : _part.Step;

    private void Melody()
    {
        var lowest = _piece.StepNear(Math.Max(_register - 7, _instrument.Lowest));
        var highest = _piece.StepNear(Math.Min(_register + 9, _instrument.Highest));
        (double Beats, double Weight)[] lengths = Tempo switch
        {
            TempoClass.Slow => [(1, 0.45), (2, 0.35), (0.5, 0.2)],
            TempoClass.Medium => [(1, 0.5), (0.5, 0.35), (2, 0.15)],
            _ => [(0.5, 0.6), (1, 0.4)],
        };
        (int Move, double Weight)[] moves = [(-1, 3), (1, 3), (-2, 1.2), (2, 1.2), (0, 0.8), (3, 0.4), (-3, 0.4), (4, 0.2), (-4, 0.2)];
        var step = _piece.StepNear(_register);
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var position = 0.0;
            while (position < BeatsPerBar - 1e-9)
            {
                var remaining = BeatsPerBar - position;
                var fitting = lengths.Where(l => l.Beats <= remaining + 1e-9).ToArray();
                var length = fitting.Length > 0 ? _random.PickWeighted(fitting) : remaining;
                step = Reflect(step + _random.PickWeighted(moves), lowest, highest);
                if (position == 0)
                    step = NearestChordTone(step, bar, lowest, highest);
                var start = bar * BeatsPerBar + position;
                // Wind and bowed notes leave a breath between them so each note has an onset; plucked notes ring on.
                var sounding = _instrument.Sustained ? length * 0.92 : length;
                Add(start, start + sounding, _piece.Key(step), Accent(position));
                position += length;
            }
        }
    }

    private void Arpeggio()
    {
        int[][] shapes = [[0, 1, 2, 3], [0, 1, 2, 3, 4, 3, 2, 1], [0, 2, 1, 2], [0, 2, 1, 3, 2, 4, 3, 1], [2, 1, 0, 2, 1, 0, 2, 1]];
        var shape = _random.Pick(shapes);
        var index = 0;
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var chord = _piece.ChordSteps(bar);
            int[] offsets = chord.Length == 4 ? [0, 2, 4, 6, 7, 9] : [0, 2, 4, 7, 9, 11];
            var root = OctaveNear(chord[0], _register - 5);
            for (var position = 0.0; position < BeatsPerBar - 1e-9; position += Step)
            {
                var start = bar * BeatsPerBar + position;
                var key = _piece.Key(root + offsets[shape[index++ % shape.Length]]);
                var length = _instrument.Sustained ? Step * 0.85 : Step * 2;
                Add(start, start + length, key, Accent(position));
            }
        }
    }

    private void Chords()
    {
        var interval = Tempo switch
        {
            TempoClass.Slow => BeatsPerBar,
            TempoClass.Medium => BeatsPerBar % 2 == 0 ? BeatsPerBar / 2 : BeatsPerBar,
            _ => 1,
        };
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var keys = Voicing(bar, _register - 6);
            for (var position = 0; position < BeatsPerBar; position += interval)
            {
                var start = bar * BeatsPerBar + position;
                var length = _instrument.Sustained ? interval * 0.97 : interval;
                var velocity = Accent(position);
                foreach (var key in keys)
                    Add(start, start + length, key, velocity);
            }
        }
    }

    private void Strum()
    {
        (double Beat, bool Down)[] pattern = (BeatsPerBar, Tempo) switch
        {
            (_, TempoClass.Slow) => [.. Enumerable.Range(0, BeatsPerBar).Select(beat => ((double)beat, true))],
            (3, _) => [(0, true), (1, true), (1.5, false), (2, true), (2.5, false)],
            _ => [(0, true), (1, true), (1.5, false), (2.5, false), (3, true), (3.5, false)],
        };
        var stringGap = _piece.Recipe.BeatsPerMinute / 60.0 * 0.012;
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var chord = _piece.ChordSteps(bar);
            var root = Piece.PlaceAbove(_piece.Key(chord[0]), _register - 15);
            var third = _piece.Key(chord[1]) - _piece.Key(chord[0]);
            var fifth = _piece.Key(chord[2]) - _piece.Key(chord[0]);
            int[] strings = [root, root + fifth, root + 12, root + 12 + third, root + 12 + fifth, root + 24];
            for (var i = 0; i < pattern.Length; i++)
            {
                var (beat, down) = pattern[i];
                var end = i + 1 < pattern.Length ? pattern[i + 1].Beat : BeatsPerBar;
                var struck = down ? strings : strings[2..].Reverse().ToArray();
                var velocity = Accent(beat) - (down ? 0 : 10);
                for (var s = 0; s < struck.Length; s++)
                {
                    var start = bar * BeatsPerBar + beat + s * stringGap;
                    Add(start, bar * BeatsPerBar + end, struck[s], velocity);
                }
            }
        }
    }

    private void PowerChords()
    {
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var root = Math.Max(Piece.PlaceAbove(_piece.Key(_piece.ChordSteps(bar)[0]), _register - 6), _instrument.Lowest);
            var fifth = root + 7;
            for (var position = 0.0; position < BeatsPerBar - 1e-9; position += Step)
            {
                var start = bar * BeatsPerBar + position;
                var velocity = Accent(position);
                foreach (var key in new[] { root, fifth, root + 12 })
                    Add(start, start + Step * 0.85, key, velocity);
            }
        }
    }

    private void Comping()
    {
        (double Start, double Length)[][] patterns = BeatsPerBar == 3
            ? [[(0, 1.5), (1.5, 1.5)], [(0, 1), (1.5, 1.5)], [(0.5, 1.5), (2, 1)]]
            : [[(0, 1.5), (1.5, 2.5)], [(0, 1), (1.5, 1), (2.5, 1.5)], [(0.5, 1.5), (2, 2)], [(0, 2), (2.5, 1.5)]];
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var keys = Voicing(bar, _register - 6);
            foreach (var (start, length) in _random.Pick(patterns))
            {
                var at = bar * BeatsPerBar + start;
                var velocity = Accent(start);
                foreach (var key in keys)
                    Add(at, at + length * 0.95, key, velocity);
            }
        }
    }

    private int Accent(double position)
    {
        var accent = position == 0 ? 8 : Math.Abs(position - Math.Round(position)) < 1e-9 ? 2 : -4;
        return _piece.Recipe.Level.Velocity() + _part.VelocityOffset + accent + _random.Between(-4, 4);
    }

    private void Add(double startBeat, double endBeat, int key, int velocity)
    {
        var start = _piece.Tick(startBeat);
        var end = _piece.Tick(endBeat);
        if (end <= start)
            return;
        _notes.Add(new MidiNote(start, end - start, Math.Clamp(key, 0, 127), Math.Clamp(velocity, 12, 127)));
    }
}
