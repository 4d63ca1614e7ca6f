using Pipeline.Streams.Audio;
using Pipeline.Streams.Provider;
using Pipeline.Streams.Tagging;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>Windows cut from a stream in chunks are exactly the windows of the whole signal, whatever the chunking.</summary>
public sealed class WindowCuttingTests : IDisposable
{
    private readonly TempDirectory _dir = new("window-cutting");

    public void Dispose() => _dir.Dispose();

    private static float[] Signal(int length) => Enumerable.Range(0, length).Select(i => (float)Math.Sin(i * 0.37) + i * 1e-4f).ToArray();

    [Theory]
    [InlineData(10_000, 729, 729, 1)]
    [InlineData(10_000, 729, 243, 7)]
    [InlineData(10_000, 729, 2_000, 1_000)]
    [InlineData(10_000, 729, 729, 10_000)]
    [InlineData(729, 729, 100, 50)]
    [InlineData(1_457, 729, 729, 333)]
    public void Chunked_windows_equal_the_whole_signals_windows(int length, int window, int hop, int chunk)
    {
        var signal = Signal(length);
        var shape = new WindowShape(8_000, window, hop);
        var cutter = new WindowCutter(shape);
        var windows = new List<float[]>();
        for (var start = 0; start < length; start += chunk)
        {
            cutter.Append(signal.AsSpan(start, Math.Min(chunk, length - start)));
            while (cutter.TakeWindow() is { } w)
                windows.Add(w);
        }
        Assert.Null(cutter.TakeLastWindow());

        Assert.Equal(shape.WindowsFor(length), windows.Count);
        for (var k = 0; k < windows.Count; k++)
            Assert.Equal(signal.AsSpan(k * hop, window).ToArray(), windows[k]);
        // Every whole window: what is left after the last one is shorter than a hop.
        Assert.InRange(length - ((windows.Count - 1) * hop + window), 0, hop - 1);
    }

    [Fact]
    public void A_stream_shorter_than_a_window_gives_one_zero_padded_window()
    {
        var cutter = new WindowCutter(WindowShape.Adjacent(8_000, 729));
        cutter.Append(Signal(300));

        Assert.Null(cutter.TakeWindow());
        var padded = cutter.TakeLastWindow();

        Assert.NotNull(padded);
        Assert.Equal(Signal(300), padded[..300]);
        Assert.All(padded[300..], v => Assert.Equal(0f, v));
        Assert.Null(cutter.TakeLastWindow());
    }

    [Fact]
    public void A_file_read_window_by_window_gives_evaluations_windows_of_the_whole_decoded_file()
    {
        var file = AudioFixtures.SineWav(_dir.File("tone.wav"), 523, 44_100, 3.3, channels: 2);
        var audio = TestSettings.Defaults.Audio;
        var shape = WindowShape.Adjacent(TinyRun.SampleRate, TinyRun.WindowSamples);

        using var reader = StreamingWindowReader.Open(audio.CreateReader(), file, shape, audio.ResampleQuality);
        var streamed = new List<float[]>();
        while (!reader.Ended)
            streamed.AddRange(reader.Read(5));

        var whole = new Resampler(TinyRun.SampleRate, audio.ResampleQuality).ToOutputRate(audio.CreateReader().Read(file));
        var clip = new ClipRef(0, file, file, []);
        var expected = Segmenter.AllWindows(clip, new ArraySamples(whole.Samples), TinyRun.WindowSamples).ToList();
        Assert.Equal(expected.Count, streamed.Count);
        Assert.Equal(3.3, reader.Seconds, 3);
        for (var k = 0; k < expected.Count; k++)
            for (var i = 0; i < TinyRun.WindowSamples; i++)
                Assert.Equal(expected[k].Samples[i], streamed[k][i], 5);
    }

    [Fact]
    public void A_file_cut_short_fails_at_its_last_chunk_after_giving_windows()
    {
        var whole = File.ReadAllBytes(AudioFixtures.SineWav(_dir.File("tone.wav"), 440, 8_000, 2.0));
        var cut = _dir.File("cut.wav");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        var audio = TestSettings.Defaults.Audio;

        using var reader = StreamingWindowReader.Open(audio.CreateReader(), cut, WindowShape.Adjacent(8_000, 729), audio.ResampleQuality);
        var first = reader.Read(1);
        var failure = Assert.Throws<AudioReadException>(() => reader.Read(1_000));

        Assert.Single(first);
        Assert.Equal(AudioReadFailure.Truncated, failure.Failure);
    }
}
