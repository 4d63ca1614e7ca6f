using Pipeline.Shared;
using Akka.Streams.Dsl;
using Pipeline.Actors.Decoding;
using Pipeline.Host.Cli;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Provider;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// Every kind of broken file among good ones, through extraction and through the provider: each good clip is
/// delivered exactly once per epoch, each bad one reported exactly once with its reason, nothing else lost.
/// </summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class CorpusFaultTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const int GoodClips = 20;
    private readonly TempDirectory _dir = new("corpus-faults");
    private readonly FaultyCorpus.Corpus _corpus;
    private readonly string _source;

    public CorpusFaultTests() : base(TestAkka.Config)
    {
        _source = _dir.File("mtat");
        _corpus = FaultyCorpus.Write(_source, GoodClips);
    }

    void IDisposable.Dispose()
    {
        _dir.Dispose();
        Dispose();
    }

    [Fact]
    public void Extraction_keeps_every_good_clip_and_lists_every_bad_one_once_with_a_reason()
    {
        var output = _dir.File("out");

        var (code, _, error) = CliRunner.Run("extract", "--dataset", "mtat", "--source", _source, "--out", output, "--audio",
            "-D", "pipeline.dataset.mtat.split=random", "-D", "pipeline.dataset.valid-fraction=0.2", "-D", "pipeline.dataset.test-fraction=0.2");

        Assert.True(code == ExitCodes.Success, error);
        var summary = ExtractionSummary.Read(Path.Combine(output, ArchiveFiles.Summary));
        Assert.Equal(GoodClips, summary.ClipsOk);
        Assert.Equal(_corpus.BadPathsByFault.Count, summary.ClipsFailed);
        var cached = Pipeline.Streams.Cache.CacheIndex.Read(Path.Combine(output, ArchiveFiles.AudioFolder)).Select(e => e.ClipId).ToList();
        Assert.Equal(_corpus.Good.Select(c => c.Id).Order(), cached.Order());

        var failed = File.ReadAllLines(Path.Combine(output, ArchiveFiles.Failed)).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(_corpus.BadPathsByFault.Count, failed.Count);
        Assert.All(failed, f => Assert.False(string.IsNullOrWhiteSpace(f[1]), $"{f[0]} has no reason"));
        string ReasonOf(string fault) => failed.Single(f => f[2] == _corpus.BadIdsByFault[fault])[1];
        Assert.StartsWith("empty file", ReasonOf("empty"));
        Assert.StartsWith("truncated", ReasonOf("truncated"));
        Assert.StartsWith("not audio", ReasonOf("garbage"));
        Assert.StartsWith("truncated", ReasonOf("wav-header-lies"));
        Assert.StartsWith("unreadable: is a directory", ReasonOf("directory"));
        Assert.StartsWith("missing", ReasonOf("missing"));
        Assert.StartsWith("unreadable", ReasonOf("symlink-loop"));
        Assert.StartsWith("missing", ReasonOf("non-utf8-name"));
        Assert.StartsWith("unreadable", ReasonOf("name-too-long"));
    }

    [Fact]
    public async Task The_provider_delivers_good_clips_once_per_epoch_and_reports_each_bad_file_once_per_epoch_even_one_deleted_after_the_metadata_was_read()
    {
        var dataset = new Pipeline.Streams.Datasets.Mtat.MtatReader(TestSettings.Defaults.Dataset.Mtat).Read(_source);
        // Each clip carries the length its name states, as extraction's clip references do: that is what shows the cut file truncated.
        var clips = dataset.Clips.Select((c, i) => new ClipRef(i, c.Id, Path.Combine(_source, c.AudioPath), [1f],
            c.StatedSeconds is { } seconds ? new StatedLength(seconds, dataset.StatedLengthSource!) : null)).ToList();
        var deleted = clips.First(c => c.Id == _corpus.Good[3].Id);
        File.Delete(deleted.AudioPath); // after the metadata was read, before decoding
        var good = _corpus.Good.Select(c => c.Id).Where(id => id != deleted.Id).ToHashSet();
        var bad = clips.Select(c => c.Id).Where(id => !good.Contains(id)).ToHashSet();

        var skipped = CreateTestProbe();
        Sys.EventStream.Subscribe(skipped.Ref, typeof(ClipSkipped));
        var decoders = SupervisedDecoders.Start(Sys, 2, TimeSpan.FromSeconds(30), Decoding.Settings);
        var provider = new DataProvider(ProviderFixtures.Settings(window: 4_096, shuffle: 8));
        var audio = decoders;

        for (var epoch = 0; epoch < 2; epoch++)
        {
            var batches = await provider.TrainingBatches(clips, audio, batchSize: 4, seed: 3, epoch).RunWith(Sink.Seq<Batch>(), StreamMaterializer.Create(Sys, provider.Settings.StreamBuffer));
            var delivered = batches.SelectMany(b => b.Clips).Select(index => clips[index].Id).ToList();
            Assert.Equal(good.Order(), delivered.Order());

            var reports = skipped.ReceiveN(bad.Count, TimeSpan.FromSeconds(10)).Cast<ClipSkipped>().ToList();
            Assert.Equal(bad.Order(), reports.Select(r => r.Clip.Id).Order());
            Assert.All(reports, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        }
        skipped.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        var stats = await decoders.StatsAsync();
        Assert.Equal(2 * bad.Count, stats.Restarts);
    }
}
