using System.Collections.Immutable;
using Pipeline.Host.Configuration;
using Pipeline.Synth;
using Pipeline.Streams.Audio;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Synth;

public sealed class MidiFileTests : IDisposable
{
    private readonly TempDirectory _dir = new("midi");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0x00, new byte[] { 0x00 })]
    [InlineData(0x40, new byte[] { 0x40 })]
    [InlineData(0x7F, new byte[] { 0x7F })]
    [InlineData(0x80, new byte[] { 0x81, 0x00 })]
    [InlineData(0x2000, new byte[] { 0xC0, 0x00 })]
    [InlineData(0x3FFF, new byte[] { 0xFF, 0x7F })]
    [InlineData(0x4000, new byte[] { 0x81, 0x80, 0x00 })]
    [InlineData(0x1FFFFF, new byte[] { 0xFF, 0xFF, 0x7F })]
    [InlineData(0x200000, new byte[] { 0x81, 0x80, 0x80, 0x00 })]
    [InlineData(0x0FFFFFFF, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void Variable_length_quantities_are_encoded_as_the_SMF_specification_shows(int value, byte[] expected)
    {
        Assert.Equal(expected, MidiFile.VariableLength(value));
    }

    [Fact]
    public void A_written_file_reads_back_as_the_same_tempo_programs_and_notes()
    {
        var piano = new MidiTrack("piano", 0, 0, 100, [new(0, 480, 60, 90), new(480, 240, 64, 80), new(200_000, 960, 67, 70)]);
        var drums = new MidiTrack("drums", MidiSong.DrumChannel, 25, 110, [new(0, 120, 36, 127), new(240, 120, 42, 60)]);
        var song = new MidiSong(480, 96, 3, [piano, drums]);

        var file = SmfReader.Read(MidiFile.Write(song));

        Assert.Equal(1, file.Format);
        Assert.Equal(480, file.Division);
        Assert.Equal(3, file.Tracks.Count);
        Assert.Equal(625_000, file.MicrosecondsPerQuarter);
        Assert.Equal(3, file.BeatsPerBar);
        Assert.All(file.Tracks, t => Assert.True(t.EndsWithEndOfTrack));
        Assert.Equal((0, 0), (file.Tracks[1].Channel, file.Tracks[1].Program));
        Assert.Equal((9, 25), (file.Tracks[2].Channel, file.Tracks[2].Program));
        Assert.Equal(piano.Notes.ToArray(), file.Tracks[1].Notes.ToArray());
        Assert.Equal(200_960, file.Tracks[1].SilencedAt);
        Assert.Equal(drums.Notes.ToArray(), file.Tracks[2].Notes.ToArray());
    }

    [Fact]
    public void A_note_that_ends_where_the_same_key_starts_again_is_released_first()
    {
        var track = new MidiTrack("violin", 2, 40, 100, [new(0, 480, 69, 80), new(480, 480, 69, 80)]);

        var file = SmfReader.Read(MidiFile.Write(new MidiSong(480, 120, 4, [track])));

        Assert.Equal(track.Notes.ToArray(), file.Tracks[1].Notes.ToArray());
    }

    [Fact]
    public void Fluidsynth_plays_a_written_file_at_the_written_times_pitches_and_length()
    {
        // At 120 BPM a beat is 0.5 s: silence for 1 s, then a flute A4 (440 Hz) for 2 s.
        var flute = new MidiTrack("flute", 0, 73, 110, [new(960, 1920, 69, 100)]);
        var midi = _dir.File("flute.mid");
        File.WriteAllBytes(midi, MidiFile.Write(new MidiSong(480, 120, 4, [flute])));

        var audio = Render(midi);

        Assert.Equal(MtatClipFormat.SampleRate, audio.SampleRate);
        Assert.InRange(audio.Duration.TotalSeconds, 3.0, 5.1);
        Assert.True(Signal.Rms(Seconds(audio, 0, 0.9)) < 1e-4, "the first second is silent");
        var tone = Seconds(audio, 1.3, 2.8);
        Assert.True(Signal.Rms(tone) > 0.005, $"the note sounds (RMS {Signal.Rms(tone)})");
        // A quarter-second window: Goertzel's bins are then 4 Hz wide, so a sample tuned a hertz off A440 still peaks there.
        Assert.InRange(Signal.DominantFrequency(Seconds(audio, 1.5, 1.75), audio.SampleRate, 300, 1000, 1), 434, 446);
        // The piece ends with its last note: All Sound Off cuts the release tail, so a piece sounds as long as written.
        Assert.True(Signal.Rms(Seconds(audio, 3.05, audio.Duration.TotalSeconds)) < 1e-4, "silent after the last note");
    }

    [Fact]
    public void Fluidsynth_plays_the_drum_channel_as_percussion()
    {
        var hits = Enumerable.Range(0, 8).Select(i => new MidiNote(i * 480L, 120, i % 2 == 0 ? 36 : 38, 120)).ToImmutableArray();
        var midi = _dir.File("drums.mid");
        File.WriteAllBytes(midi, MidiFile.Write(new MidiSong(480, 120, 4, [new MidiTrack("drums", MidiSong.DrumChannel, 0, 110, hits)])));

        var audio = Render(midi);

        Assert.InRange(audio.Duration.TotalSeconds, 3.6, 5.7);
        // A drum hit is loud at its onset and dies away before the next one, unlike a held pitched note.
        var onset = Signal.Rms(Seconds(audio, 1.0, 1.05));
        var tail = Signal.Rms(Seconds(audio, 1.4, 1.45));
        Assert.True(onset > 0.01, $"the kick sounds (RMS {onset})");
        Assert.True(tail < onset / 4, $"the hit decays (onset {onset}, tail {tail})");
    }

    private DecodedAudio Render(string midi)
    {
        var wav = Path.ChangeExtension(midi, ".wav");
        var settings = PipelineSettings.Load(null, []).Synth;
        new ClipRenderer(settings, Decoding.Reader, _dir.Path).SynthesizeAsync(midi, wav, CancellationToken.None).GetAwaiter().GetResult();
        return Decoding.Reader.Read(wav);
    }

    private static float[] Seconds(DecodedAudio audio, double from, double to) =>
        audio.Samples[(int)(from * audio.SampleRate)..(int)(to * audio.SampleRate)];
}
