using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Extraction;

/// <summary>The extract command end to end on an MTAT-format fixture with a 0-byte and a garbage file among good clips.</summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class ExtractCommandTests : IDisposable
{
    private static readonly string[] Vocabulary = ["guitar", "piano", "drums", "violin", "techno", "slow"];
    private readonly TempDirectory _dir = new("extract");
    private readonly string _source;
    private readonly string _out;
    private readonly IReadOnlyList<FixtureClip> _clips;

    public ExtractCommandTests()
    {
        _source = _dir.File("mtat");
        _out = _dir.File("out");
        Directory.CreateDirectory(_source);
        _clips =
        [
            .. MtatFixture.Corpus(Vocabulary, 16, seconds: 2.0),
            new FixtureClip("900", "3/zero-bytes-01-empty-0-29.mp3", ["guitar"], FixtureAudio.Empty),
            new FixtureClip("904", "d/random-bytes-01-garbage-0-29.mp3", ["piano"], FixtureAudio.Garbage),
        ];
        MtatFixture.Write(_source, Vocabulary, _clips, seconds: 2.0);
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Output, string Error) Extract(params string[] extra) =>
        CliRunner.Run(["extract", "--dataset", "mtat", "--source", _source, "--out", _out,
            "-D", "pipeline.extraction.shard-megabytes=1", .. extra]);

    [Fact]
    public void Extracts_good_clips_reports_bad_ones_and_resumes_without_decoding_again()
    {
        var (code, output, error) = Extract("--audio");

        Assert.True(code == ExitCodes.Success, error + output);
        var summary = ExtractionSummary.Read(Path.Combine(_out, "summary.json"));
        Assert.Equal(18, summary.ClipsTotal);
        Assert.Equal(16, summary.ClipsOk);
        Assert.Equal(2, summary.ClipsFailed);
        Assert.Equal(18, summary.Splits.Values.Sum());
        Assert.Equal(22_050, summary.SampleRate);
        Assert.True(summary.ShardsWritten >= 2, "a 1 MB shard limit splits 16 clips of 2 s over several shards");

        var failed = File.ReadAllLines(Path.Combine(_out, "failed.tsv"));
        Assert.Equal("path\treason\tclip_id", failed[0]);
        Assert.Equal(2, failed.Length - 1);
        Assert.Contains(failed, l => l.Contains("zero-bytes-01-empty-0-29.mp3\tempty file (0 bytes)"));
        Assert.Contains(failed, l => l.Contains("random-bytes-01-garbage-0-29.mp3\tnot audio or corrupt"));

        var cache = CacheIndex.Read(Path.Combine(_out, "audio"));
        Assert.Equal(16, cache.Count);
        Assert.Equal(16, cache.Select(e => e.ClipId).Distinct().Count());
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(_out, "audio")), f => f.Contains(".tmp-"));

        var again = Extract("--audio");

        Assert.True(again.Code == ExitCodes.Success, again.Error + again.Output);
        var resumed = ExtractionSummary.Read(Path.Combine(_out, "summary.json"));
        Assert.Equal(16, resumed.ClipsAlreadyCached);
        Assert.Equal(16, resumed.ClipsOk);
        Assert.Equal(0, resumed.ShardsWritten);
        Assert.Equal(2, resumed.ClipsFailed);
        Assert.Equal(cache, CacheIndex.Read(Path.Combine(_out, "audio")));
    }

    [Fact]
    public void The_archive_holds_tags_clip_lists_and_labels_that_match_the_metadata()
    {
        var (code, _, error) = Extract();

        Assert.True(code == ExitCodes.Success, error);
        var dataset = ExtractedDataset.Open(_out);
        var byId = _clips.ToDictionary(c => c.Id);
        foreach (var split in SplitNames.All)
        {
            foreach (var clip in dataset.Clips(split))
            {
                var expected = byId[clip.Id].Tags.ToHashSet();
                var labelled = dataset.Tags.Where((_, i) => clip.Labels[i] == 1f).ToHashSet();
                Assert.Equal(expected, labelled);
                Assert.Equal(Path.Combine(_source, byId[clip.Id].Path), clip.AudioPath);
            }
        }
        // Without --audio only the files' presence is checked: the 0-byte file is reported, the garbage one is not.
        var summary = ExtractionSummary.Read(Path.Combine(_out, "summary.json"));
        Assert.Equal(1, summary.ClipsFailed);
        Assert.False(summary.Audio);
    }

    [Fact]
    public void Numpy_reads_the_labels_and_the_cache_and_cached_samples_equal_a_direct_decode()
    {
        var (code, _, error) = Extract("--audio");
        Assert.True(code == ExitCodes.Success, error);

        var dataset = ExtractedDataset.Open(_out);
        var train = dataset.Clips(Split.Train);
        var labels = Python.Run($"import numpy; a = numpy.load('{_out}/train_labels.npy'); print(a.dtype, a.shape, int(a.sum()))");
        Assert.Equal($"uint8 ({train.Count}, {dataset.Tags.Count}) {train.Sum(c => c.Labels.Sum())}", labels);

        using var cache = AudioCache.Open(Path.Combine(_out, "audio"));
        var entry = CacheIndex.Read(Path.Combine(_out, "audio"))[0];
        var numpy = Python.Run($"import numpy; a = numpy.load('{_out}/audio/{entry.Shard}'); " +
                               $"s = a[{entry.Offset}:{entry.Offset + entry.Length}]; print(a.dtype, a.ndim, s.shape[0], int(s[1000]))");
        var clip = train.Concat(dataset.Clips(Split.Valid)).Concat(dataset.Clips(Split.Test)).Single(c => c.Id == entry.ClipId);
        var cached = cache.ReadAll(clip.Id);
        Assert.Equal($"int16 1 {entry.Length} {(int)Math.Round(cached[1000] * 32768)}", numpy);

        var direct = new Resampler(22_050, ResampleQuality.High).ToOutputRate(Decoding.Reader.Read(clip.AudioPath)).Samples;
        Assert.Equal(direct.Length, cached.Length);
        for (var i = 0; i < direct.Length; i++)
            Assert.InRange(cached[i] - direct[i], -1.01f / 32768, 1.01f / 32768);
    }

    [Fact]
    public void A_missing_source_folder_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("extract", "--dataset", "mtat", "--source", _dir.File("nowhere"), "--out", _out);

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("nowhere", error);
    }

    [Fact]
    public void Broken_metadata_is_exit_code_2_naming_file_and_line_with_nothing_written()
    {
        File.AppendAllText(Path.Combine(_source, "annotations_final.csv"), "\"999\"\t\"1\"\n");

        var (code, _, error) = Extract();

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains($"annotations_final.csv:{_clips.Count + 2}", error);
        Assert.False(File.Exists(Path.Combine(_out, "tags.txt")));
    }
}
