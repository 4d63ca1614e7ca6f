using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Tagging;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Tagging;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>
/// The supervised window decoders: every file's source ends with how the file ended, a bad file (at opening or at
/// its last chunk) comes back as a value and restarts its decoder, and a source cancelled early frees its decoder.
/// </summary>
public sealed class WindowDecoderTests() : Akka.TestKit.Xunit2.TestKit(TestAkka.Config), IDisposable
{
    private readonly TempDirectory _dir = new("window-decoders");
    private static readonly WindowShape Shape = WindowShape.Adjacent(8_000, 729);

    void IDisposable.Dispose()
    {
        _dir.Dispose();
        Dispose();
    }

    private SupervisedWindowDecoders Decoders(int count, int chunk = 4) =>
        SupervisedWindowDecoders.Start(Sys, count, TimeSpan.FromSeconds(30), TestSettings.Defaults.Audio.CreateReader(), Shape,
            ResampleQuality.High, chunk, $"decoders-{Guid.NewGuid():N}");

    private List<FileEvent> Events(SupervisedWindowDecoders decoders, AudioFile file) =>
        decoders.Windows(file).RunWith(Sink.Seq<FileEvent>(), Sys.Materializer()).Result.ToList();

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
        var files = new[] { empty, Cut("cut.wav"), _dir.File("missing.flac"), good }.Select((p, i) => new AudioFile(i, p)).ToList();

        var events = files.Select(f => Events(decoders, f)).ToList();

        Assert.Equal(AudioReadFailure.Empty, Assert.IsType<FileFailed>(Assert.Single(events[0])).Failure);
        Assert.Equal(AudioReadFailure.Truncated, Assert.IsType<FileFailed>(events[1][^1]).Failure);
        Assert.IsType<FileWindows>(events[1][0]);
        Assert.Equal(AudioReadFailure.Missing, Assert.IsType<FileFailed>(Assert.Single(events[2])).Failure);
        var ended = Assert.IsType<FileEnded>(events[3][^1]);
        Assert.Equal((10L, 1.0), (ended.Windows, ended.Seconds));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i),
            events[3].OfType<FileWindows>().SelectMany(c => c.Windows.Select((_, i) => c.FirstWindow + i)));
        Assert.All(events[3].OfType<FileWindows>(), c => Assert.InRange(c.Windows.Count, 1, 4));
    }

    [Fact]
    public void A_source_cancelled_before_its_file_ends_frees_its_decoder()
    {
        var decoders = Decoders(count: 1, chunk: 1);
        var first = new AudioFile(0, AudioFixtures.SineWav(_dir.File("first.wav"), 440, 8_000, 2.0));
        var second = new AudioFile(1, AudioFixtures.SineWav(_dir.File("second.wav"), 660, 8_000, 0.5));

        var taken = decoders.Windows(first).Take(2).RunWith(Sink.Seq<FileEvent>(), Sys.Materializer()).Result;
        var next = Events(decoders, second);

        Assert.Equal(2, taken.Count);
        Assert.IsType<FileEnded>(next[^1]);
    }
}
