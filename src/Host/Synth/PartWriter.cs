using System.Collections.Immutable;

namespace Pipeline.Host.Synth;

/// <summary>
/// Writes the notes of one pitched part of a piece in its texture. Every texture fills the whole piece without
/// rests longer than a beat, because a clip's tags must hold in any few-second window of it.
/// </summary>
public sealed class PartWriter
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

    private void BassEighths()
    {
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var root = BassRoot(bar);
            for (var position = 0.0; position < BeatsPerBar - 1e-9; position += Step)
            {
                // Every other bar ends on the octave, the figure rock and pop bass players lean on.
                var key = bar % 2 == 1 && position >= BeatsPerBar - 2 * Step ? root + 12 : root;
                var start = bar * BeatsPerBar + position;
                Add(start, start + Step * 0.9, key, Accent(position));
            }
        }
    }

    private void BassOffbeat()
    {
        var rolling = _random.Chance(0.5);
        double[] offsets = rolling ? [0.25, 0.5, 0.75] : [0.5];
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var root = BassRoot(bar);
            for (var beat = 0; beat < BeatsPerBar; beat++)
            {
                foreach (var offset in offsets)
                {
                    var start = bar * BeatsPerBar + beat + offset;
                    Add(start, start + (rolling ? 0.2 : 0.4), root, Accent(beat + offset) + (offset == 0.5 ? 6 : 0));
                }
            }
        }
    }

    private void BassRootFifth()
    {
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var root = BassRoot(bar);
            var fifth = _piece.Key(_piece.ChordSteps(bar)[2]) - _piece.Key(_piece.ChordSteps(bar)[0]);
            var low = root + fifth - 12 >= _instrument.Lowest ? root + fifth - 12 : root + fifth;
            for (var beat = 0; beat < BeatsPerBar; beat++)
            {
                var start = bar * BeatsPerBar + beat;
                Add(start, start + 0.95, beat % 2 == 0 ? root : low, Accent(beat));
            }
        }
    }

    private void BassWalking()
    {
        var previous = _register;
        for (var bar = 0; bar < _piece.Bars; bar++)
        {
            var chord = _piece.ChordSteps(bar);
            var next = _piece.ChordOfBarAfter(bar);
            var approach = next + (_random.Chance(0.5) ? 1 : -1);
            var steps = BeatsPerBar == 3
                ? new[] { chord[0], _random.Pick(new[] { chord[1], chord[2] }), approach }
                : [chord[0], _random.Pick(new[] { chord[1], chord[0] + 1 }), chord[2], approach];
            for (var beat = 0; beat < steps.Length; beat++)
            {
                var key = KeyNearest(steps[beat], previous, _instrument.Lowest, _instrument.Lowest + 24);
                var start = bar * BeatsPerBar + beat;
                Add(start, start + 0.95, key, Accent(beat));
                previous = key;
            }
        }
    }

    private void Drone()
    {
        var tonic = Math.Max(Piece.PlaceAbove(_piece.Key(0), _register - 6), _instrument.Lowest);
        int[] cycle = [tonic - 5, tonic, tonic, tonic - 12];
        var index = 0;
        for (var beat = 0; beat < _piece.TotalBeats; beat++)
            Add(beat, beat + 3, cycle[index++ % cycle.Length], Accent(beat % BeatsPerBar) - 4);
    }

    /// <summary>The bar's chord in close position above <paramref name="low"/>: voices move by the smallest steps from bar to bar.</summary>
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
