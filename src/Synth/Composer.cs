using System.Collections.Immutable;
using Pipeline.Shared.Random;

namespace Pipeline.Synth;

/// <summary>
/// Writes one clip's piece from its recipe and its own seed: the chord of each bar (the progression, entered at a
/// drawn bar), each part in its texture and the drums, long enough to cover the clip from its first tick.
/// </summary>
public static class Composer
{
    private const int PartVolume = 100;

    public static MidiSong Compose(ClipRecipe recipe, int seed, TimeSpan length)
    {
        var random = new Random(seed); // the clip's own stream (SeedStream.ClipMusic)
        var bars = (int)Math.Ceiling(length.TotalMinutes * recipe.BeatsPerMinute / recipe.BeatsPerBar);
        var entry = random.Next(recipe.Progression.Length);
        var chords = Enumerable.Range(0, bars).Select(bar => recipe.Progression[(bar + entry) % recipe.Progression.Length]).ToImmutableArray();
        var piece = new Piece(recipe, bars, chords);

        var tracks = ImmutableArray.CreateBuilder<MidiTrack>();
        var parts = recipe.Arrangement.Parts;
        for (var i = 0; i < parts.Length; i++)
        {
            var instrument = recipe.Instruments[i];
            var notes = new PartWriter(piece, instrument, parts[i], Seeds.Random(SeedStream.ClipPart, seed, i)).Write();
            tracks.Add(new MidiTrack(instrument.Name, PitchedChannel(i), instrument.Program, PartVolume, WithoutOverlaps(notes)));
        }
        if (recipe.Arrangement.Drums is { } drums && recipe.DrumKit is { } kit)
        {
            var notes = new DrumWriter(piece, drums.Groove, Seeds.Random(SeedStream.ClipPart, seed, parts.Length)).Write();
            tracks.Add(new MidiTrack("drums", MidiSong.DrumChannel, kit, PartVolume, WithoutOverlaps(notes)));
        }
        return new MidiSong(Piece.TicksPerBeat, recipe.BeatsPerMinute, recipe.BeatsPerBar, tracks.ToImmutable());
    }

    /// <summary>Channels 0..15 in order, skipping the General MIDI drum channel.</summary>
    private static int PitchedChannel(int part) => part < MidiSong.DrumChannel ? part : part + 1;

    /// <summary>
    /// Shortens a note that would still sound when the same key is struck again in the same part (ringing arpeggios,
    /// drum hits on one key), so every note-off ends the note it belongs to; a second strike at the same tick is dropped.
    /// </summary>
    private static ImmutableArray<MidiNote> WithoutOverlaps(ImmutableArray<MidiNote> notes)
    {
        var result = new List<MidiNote>(notes.Length);
        foreach (var sameKey in notes.GroupBy(n => n.Key))
        {
            var ordered = sameKey.OrderBy(n => n.Start).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var note = ordered[i];
                if (i > 0 && ordered[i - 1].Start == note.Start)
                    continue;
                var next = ordered.Skip(i + 1).FirstOrDefault(n => n.Start > note.Start);
                result.Add(next is not null && note.Start + note.Duration > next.Start ? note with { Duration = next.Start - note.Start } : note);
            }
        }
        return [.. result.OrderBy(n => n.Start).ThenBy(n => n.Key)];
    }
}
