using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>The bass lines a <see cref="PartWriter"/> writes: eighths, off-beats, root and fifth, walking, drone.</summary>
public sealed partial class PartWriter
{
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
}
