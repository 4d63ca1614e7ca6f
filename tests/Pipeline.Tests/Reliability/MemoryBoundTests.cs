using Pipeline.Shared;
using System.Text.Json;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Pipeline.Actors.Decoding;
using Pipeline.Host.Cli;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Provider;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;
using Xunit.Abstractions;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// The provider's memory does not grow with the corpus or with a stalled consumer: peak resident memory of a run
/// over 10x the clips stays within 10% of the 1x run (separate processes, so the peaks are each run's own).
/// </summary>
[Trait("Category", "Reliability")]
public sealed class MemoryBoundTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly TempDirectory _dir = new("memory");

    private readonly ITestOutputHelper _output;

    public MemoryBoundTests(ITestOutputHelper output) : base(TestAkka.Config)
    {
        _output = output;
    }

    void IDisposable.Dispose()
    {
        _dir.Dispose();
        Dispose();
    }

    private string Extracted(int clips)
    {
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        MtatFixture.Write(source, FaultyCorpus.Vocabulary, MtatFixture.Corpus(FaultyCorpus.Vocabulary, clips, 29.1), seconds: 29.1);
        var data = _dir.File("data");
        var (code, _, error) = PipelineProcess.Run(["extract", "--dataset", "mtat", "--source", source, "--out", data, "--audio",
            "-D", "pipeline.dataset.mtat.split=random", "-D", "pipeline.dataset.valid-fraction=0", "-D", "pipeline.dataset.test-fraction=0"], TimeSpan.FromMinutes(5));
        Assert.True(code == ExitCodes.Success, error);
        return data;
    }

    // Small buffers, so that a quick test corpus is many times what can be in flight.
    private const int ShuffleBuffer = 16;
    private const int BatchSize = 8;
    // A .NET process's heap keeps growing for a few seconds before its garbage collector settles: 900 clips of 5 s
    // went through the files path in 1.4 s and peaked 4-13% below 9,000, a warm-up compared with a steady state.
    // 900 clips of MagnaTagATune's own length take about 6 s.
    private const int Clips = 900;

    private static double PeakMegabytes(string data, int repeat, string source, string windows)
    {
        var (code, output, error) = PipelineProcess.Run(["provider", "--data", data, "--repeat", repeat.ToString(), "--json",
            "-D", $"pipeline.training.audio-source={source}", "-D", $"pipeline.provider.training-windows={windows}",
            "-D", $"pipeline.provider.shuffle-buffer={ShuffleBuffer}", "-D", $"pipeline.training.batch-size={BatchSize}"], TimeSpan.FromMinutes(10));
        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("segments").GetInt64() > 0);
        return json.RootElement.GetProperty("peak_resident_mb").GetDouble();
    }

    [Theory]
    [InlineData("cache", "all")]
    [InlineData("files", "random")]
    public void Ten_times_the_clips_stay_within_ten_percent_of_the_peak_memory(string source, string windows)
    {
        var bound = ProviderFixtures.Settings(shuffle: ShuffleBuffer, parallelism: Environment.ProcessorCount).MaxClipsInFlight(BatchSize);
        Assert.True(Clips > 2 * bound, "the 1x run must be far larger than what can be in flight, or it never reaches its steady state");
        var data = Extracted(Clips);

        // The resident size of a run wobbles by 10-15% around its steady level (the collector's and the native
        // decoders' buffers come and go), and a peak is the highest wobble seen, so a run 10x as long sees higher ones.
        // The 1x figure is therefore the highest of three 1x runs, each in a process of its own.
        var onceRuns = Enumerable.Range(0, 3).Select(_ => PeakMegabytes(data, 1, source, windows)).ToList();
        var once = onceRuns.Max();
        var tenfold = PeakMegabytes(data, 10, source, windows);

        _output.WriteLine($"{source}, {windows} windows: peak {string.Join(" / ", onceRuns.Select(p => p.ToString("F1")))} MB over {Clips} clips, {tenfold:F1} MB over {10 * Clips}");
        Assert.True(tenfold <= once * 1.10, $"peak {once:F0} MB over {Clips} clips, {tenfold:F0} MB over {10 * Clips}");
    }

    [Fact]
    public async Task A_stalled_consumer_does_not_make_memory_grow()
    {
        var decodes = 0;
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), path =>
        {
            Interlocked.Increment(ref decodes);
            return ProviderFixtures.Synthetic(path);
        }, ProviderFixtures.SampleRate);
        var provider = new DataProvider(ProviderFixtures.Settings(window: 16_384, shuffle: 32));
        // The consumer takes one batch and asks for no more.
        provider.TrainingBatches(ProviderFixtures.Clips(100_000), decoders, 8, 1, 0)
            .RunWith(this.SinkProbe<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer))
            .Request(1).ExpectNext(TimeSpan.FromSeconds(30));
        // Clip i is 22,050 + 100 i samples, so a clip can take a while: decoding stops once the buffers are full.
        var decodedEarly = await Settled(() => Volatile.Read(ref decodes));

        var heapEarly = Heap();
        await Task.Delay(3_000);
        var (decodedLate, heapLate) = (Volatile.Read(ref decodes), Heap());

        Assert.Equal(decodedEarly, decodedLate);
        Assert.InRange(decodedLate, 1, provider.Settings.MaxClipsInFlight(8) + 8);
        Assert.True(heapLate - heapEarly < 16 * 1024 * 1024, $"heap grew by {(heapLate - heapEarly) / 1e6:F1} MB while stalled");
    }

    /// <summary>The count once it has not changed for a second.</summary>
    private static async Task<int> Settled(Func<int> count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        for (var last = count(); ; )
        {
            await Task.Delay(1_000);
            var now = count();
            if (now == last)
                return now;
            Assert.True(DateTime.UtcNow < deadline, $"still decoding after a minute ({now} clips)");
            last = now;
        }
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
