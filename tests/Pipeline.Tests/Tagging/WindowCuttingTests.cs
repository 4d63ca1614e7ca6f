using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Streams.Tagging;
using Pipeline.Streams.Scoring;
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
        var cutter = new WindowCutter(new WindowGrid(window, hop));
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

    [Theory]
    [InlineData(10_000, 729, 0, 1)]
    [InlineData(10_000, 729, 300, 97)]
    [InlineData(2_000, 729, 728, 5_000)]
    public void A_grid_with_a_jittered_start_and_inverted_windows_cuts_the_same_windows_from_chunks_as_from_the_whole_clip(int length, int window, int offset, int chunk)
    {
        var signal = Signal(length);
        var inverted = Enumerable.Range(0, 20).Select(k => k % 3 == 1).ToArray();
        var grid = new WindowGrid(window, window, offset, inverted: inverted);
        var cutter = new WindowCutter(grid);
        var streamed = new List<float[]>();
        for (var start = 0; start < length; start += chunk)
        {
            cutter.Append(signal.AsSpan(start, Math.Min(chunk, length - start)));
            while (cutter.TakeWindow() is { } w)
                streamed.Add(w);
        }

        var whole = Enumerable.Range(0, (int)grid.CountFor(length)).Select(k => WindowCutter.Cut(grid, new ArraySamples(signal), k)).ToList();

        Assert.Equal((length - offset) / window, streamed.Count);
        Assert.Equal(whole, streamed);
        for (var k = 0; k < streamed.Count; k++)
            Assert.Equal(signal.AsSpan(offset + k * window, window).ToArray().Select(v => inverted[k] ? -v : v), streamed[k]);
    }

    [Fact]
    public void A_stream_shorter_than_a_window_gives_one_zero_padded_window()
    {
        var cutter = new WindowCutter(new WindowGrid(729, 729));
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

        var grid = new WindowGrid(shape.WindowSamples, shape.HopSamples);
        using var reader = ClipAudioReader.Open(audio.CreateReader(), file, null, shape.SampleRate, audio.ResampleQuality);
        var cutter = new WindowCutter(grid);
        var streamed = new List<float[]>();
        while (!reader.Ended)
        {
            cutter.Append(reader.Read(5 * shape.WindowSamples));
            while (cutter.TakeWindow() is { } window)
                streamed.Add(window);
        }

        var whole = new ArraySamples(new Resampler(TinyRun.SampleRate, audio.ResampleQuality).ToOutputRate(audio.CreateReader().Read(file)).Samples);
        var expected = Enumerable.Range(0, (int)grid.CountFor(whole.Length)).Select(k => WindowCutter.Cut(grid, whole, k)).ToList();
        Assert.Equal(expected.Count, streamed.Count);
        Assert.Equal(3.3, reader.Seconds, 3);
        for (var k = 0; k < expected.Count; k++)
            for (var i = 0; i < TinyRun.WindowSamples; i++)
                Assert.Equal(expected[k][i], streamed[k][i], 5);
    }

    [Fact]
    public void A_file_cut_short_fails_at_its_last_chunk_after_giving_windows()
    {
        var whole = File.ReadAllBytes(AudioFixtures.SineWav(_dir.File("tone.wav"), 440, 8_000, 2.0));
        var cut = _dir.File("cut.wav");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        var audio = TestSettings.Defaults.Audio;

        using var reader = ClipAudioReader.Open(audio.CreateReader(), cut, null, 8_000, audio.ResampleQuality);
        var first = reader.Read(729);
        var failure = Assert.Throws<AudioReadException>(() => reader.Read(1_000_000));

        Assert.Equal(729, first.Length);
        Assert.Equal(AudioReadFailure.Truncated, failure.Failure);
    }
}
