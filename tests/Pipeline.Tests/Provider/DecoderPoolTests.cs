using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Decoding;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Provider;

/// <summary>
/// The one decoder pool, as a clip's stream: every clip's source ends with how the clip ended, a bad file (at opening
/// or at its last chunk) comes back as a value and restarts its decoder, a source cancelled early frees its decoder,
/// and a clip read whole is the concatenation of its stream.
/// </summary>
public sealed class DecoderPoolTests() : Akka.TestKit.Xunit2.TestKit(TestAkka.Config), IDisposable
{
    private readonly TempDirectory _dir = new("decoder-pool");
    private static readonly WindowShape Shape = WindowShape.Adjacent(8_000, 729);

    void IDisposable.Dispose()
    {
        _dir.Dispose();
        Dispose();
    }

    private SupervisedDecoders Decoders(int count, int chunkWindows = 4) =>
        SupervisedDecoders.Start(Sys, count, TimeSpan.FromSeconds(30), Decoding.Settings with { SampleRate = Shape.SampleRate },
            chunkSamples: chunkWindows * Shape.WindowSamples, name: $"decoders-{Guid.NewGuid():N}");

    /// <summary>A clip's stream as the scoring graph cuts it: its chunks' windows, then its ending.</summary>
    private List<ClipEvent> Events(SupervisedDecoders decoders, ClipRef clip) =>
        decoders.Stream(clip).Via(new WindowStage(WindowPlan.Every(Shape))).RunWith(Sink.Seq<ClipEvent>(), Sys.Materializer()).Result.ToList();

    private string Cut(string name)
    {
        var whole = File.ReadAllBytes(AudioFixtures.SineWav(_dir.File(name + ".src.wav"), 440, 8_000, 2.0));
        File.WriteAllBytes(_dir.File(name), whole[..(whole.Length / 2)]);
        return _dir.File(name);
    }

    [Fact]
    public void Bad_files_end_their_sources_with_their_failure_and_the_decoders_go_on_with_the_next()
    {
        var decoders = Decoders(count: 1);
        var good = AudioFixtures.SineWav(_dir.File("good.wav"), 440, 16_000, 1.0);
        var empty = _dir.File("empty.mp3");
        File.WriteAllBytes(empty, []);
        var clips = new[] { empty, Cut("cut.wav"), _dir.File("missing.flac"), good }.Select((p, i) => ClipRef.File(i, p)).ToList();

        var events = clips.Select(c => Events(decoders, c)).ToList();

        Assert.Equal(AudioReadFailure.Empty, Assert.IsType<ClipFailed>(Assert.Single(events[0])).Failure);
        Assert.Equal(AudioReadFailure.Truncated, Assert.IsType<ClipFailed>(events[1][^1]).Failure);
        Assert.IsType<Window>(events[1][0]);
        Assert.Equal(AudioReadFailure.Missing, Assert.IsType<ClipFailed>(Assert.Single(events[2])).Failure);
        var ended = Assert.IsType<ClipEnded>(events[3][^1]);
        Assert.Equal((10L, 1.0), (ended.Windows, ended.Seconds));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), events[3].OfType<Window>().Select(w => w.Index));
    }

    [Fact]
    public void A_streamed_clip_comes_in_chunks_no_larger_than_asked_and_read_whole_it_is_their_concatenation()
    {
        var decoders = Decoders(count: 2, chunkWindows: 4);
        var clip = ClipRef.File(0, AudioFixtures.SineWav(_dir.File("tone.wav"), 523, 44_100, 1.3, channels: 2));

        var chunks = decoders.Stream(clip).RunWith(Sink.Seq<ClipEvent>(), Sys.Materializer()).Result.OfType<AudioChunk>().ToList();
        var whole = Assert.IsType<ClipDecoded>(decoders.ReadWholeAsync(clip).Result);

        Assert.True(chunks.Count > 1, "one chunk: the test does not test chunking");
        Assert.All(chunks, c => Assert.InRange(c.Samples.Length, 1, 4 * Shape.WindowSamples));
        var streamed = chunks.SelectMany(c => ((ArraySamples)c.Samples).Array).ToArray();
        Assert.Equal(((ArraySamples)whole.Samples).Array, streamed);
        Assert.Equal(Shape.SampleRate, whole.SampleRate);
        Assert.Equal(1.3, whole.Seconds, 2);
    }

    [Fact]
    public void A_source_cancelled_before_its_clip_ends_frees_its_decoder()
    {
        var decoders = Decoders(count: 1, chunkWindows: 1);
        var first = ClipRef.File(0, AudioFixtures.SineWav(_dir.File("first.wav"), 440, 8_000, 2.0));
        var second = ClipRef.File(1, AudioFixtures.SineWav(_dir.File("second.wav"), 660, 8_000, 0.5));

        var taken = decoders.Stream(first).Take(2).RunWith(Sink.Seq<ClipEvent>(), Sys.Materializer()).Result;
        var next = Events(decoders, second);

        Assert.Equal(2, taken.Count);
        Assert.IsType<ClipEnded>(next[^1]);
    }
}
