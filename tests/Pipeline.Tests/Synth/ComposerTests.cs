using Pipeline.Synth;

namespace Pipeline.Tests.Synth;

public sealed class ComposerTests
{
    private static readonly IReadOnlyList<PlannedClip> Sample = CorpusPlanner.Plan(240, 5).Clips;

    /// <summary>General MIDI programs that earn each instrument tag.</summary>
    private static readonly Dictionary<string, int[]> ProgramsOfTag = new()
    {
        ["piano"] = [0],
        ["harpsichord"] = [6],
        ["organ"] = [16, 17, 18, 19],
        ["guitar"] = [24, 25, 26, 27, 28, 29, 30, 31],
        ["violin"] = [40, 110],
        ["cello"] = [42],
        ["harp"] = [46],
        ["strings"] = [48, 49],
        ["choir"] = [52, 53],
        ["sax"] = [64, 65, 66, 67],
        ["flute"] = [73],
        ["synth"] = [.. Enumerable.Range(80, 16)],
        ["sitar"] = [104],
        ["banjo"] = [105],
    };

    [Fact]
    public void Every_tag_of_a_clip_is_in_its_music_and_every_tagged_instrument_in_the_music_is_tagged()
    {
        foreach (var clip in Sample)
        {
            var song = Composer.Compose(clip.Recipe, clip.Seed, ClipRenderer.PieceLength);
            var tags = clip.Recipe.Tags;
            var pitched = song.Tracks.Where(t => t.Channel != MidiSong.DrumChannel).ToList();
            var drumKeys = song.Tracks.Where(t => t.Channel == MidiSong.DrumChannel).SelectMany(t => t.Notes).Select(n => n.Key).ToHashSet();
            var context = $"clip {clip.ClipId} ({clip.Recipe.Style.Name}: {string.Join(", ", tags)})";

            foreach (var (tag, programs) in ProgramsOfTag)
                Assert.True(tags.Contains(tag) == pitched.Any(t => programs.Contains(t.Program)), $"{tag} in {context}");
            Assert.True(tags.Contains("drums") == drumKeys.Contains(36), $"drums (a kit with a kick) in {context}");
            Assert.True(tags.Contains("percussion") == (drumKeys.Count > 0 && drumKeys.All(k => k is >= 60 and <= 64)), $"percussion in {context}");
            Assert.True(tags.Contains("fast") == song.BeatsPerMinute >= 140, $"fast in {context}");
            Assert.True(tags.Contains("slow") == song.BeatsPerMinute <= 75, $"slow in {context}");
            var velocity = song.Tracks.SelectMany(t => t.Notes).Average(n => n.Velocity);
            if (tags.Contains("loud"))
                Assert.True(velocity > 95, $"loud {context} plays at velocity {velocity}");
            if (tags.Contains("quiet"))
                Assert.True(velocity < 65, $"quiet {context} plays at velocity {velocity}");
        }
    }

    [Fact]
    public void Every_part_plays_throughout_the_clip_without_a_pause_longer_than_a_second()
    {
        foreach (var clip in Sample)
        {
            var song = Composer.Compose(clip.Recipe, clip.Seed, ClipRenderer.PieceLength);
            foreach (var track in song.Tracks)
            {
                var sounding = track.Notes.Select(n => (Start: song.TimeAt(n.Start), End: song.TimeAt(n.Start + n.Duration))).OrderBy(n => n.Start).ToList();
                var context = $"{track.Name} in clip {clip.ClipId} ({clip.Recipe.Style.Name}, {song.BeatsPerMinute} BPM)";
                Assert.True(sounding[0].Start < TimeSpan.FromSeconds(1), $"{context} starts late");
                Assert.True(sounding.Max(n => n.End) >= MtatClipFormat.Length, $"{context} ends before the clip does");
                var heard = TimeSpan.Zero;
                foreach (var (start, end) in sounding)
                {
                    Assert.True(start - heard <= TimeSpan.FromSeconds(1), $"{context} pauses from {heard} to {start}");
                    heard = end > heard ? end : heard;
                }
            }
        }
    }

    [Fact]
    public void The_same_clip_seed_writes_the_same_midi_file()
    {
        var clip = Sample[17];

        var first = MidiFile.Write(Composer.Compose(clip.Recipe, clip.Seed, ClipRenderer.PieceLength));
        var again = MidiFile.Write(Composer.Compose(clip.Recipe, clip.Seed, ClipRenderer.PieceLength));
        var other = MidiFile.Write(Composer.Compose(clip.Recipe, clip.Seed + 1, ClipRenderer.PieceLength));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Every_written_file_reads_back_with_its_notes()
    {
        foreach (var clip in Sample.Take(60))
        {
            var song = Composer.Compose(clip.Recipe, clip.Seed, ClipRenderer.PieceLength);

            var file = SmfReader.Read(MidiFile.Write(song));

            Assert.Equal(song.Tracks.Length + 1, file.Tracks.Count);
            for (var i = 0; i < song.Tracks.Length; i++)
                Assert.Equal(song.Tracks[i].Notes.ToArray(), file.Tracks[i + 1].Notes.ToArray());
        }
    }

    [Fact]
    public void The_instruments_a_part_may_be_played_on_share_their_tags()
    {
        foreach (var part in Styles.All.SelectMany(s => s.Arrangements).SelectMany(a => a.Parts))
            Assert.All(part.Choices, choice => Assert.Equal(part.Tags.ToArray(), choice.Tags.ToArray()));
    }
}
