using Pipeline.Host.Cli;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Extraction;

/// <summary>The extract command on FMA- and MSD-format fixtures, audio included (44.1 kHz stereo MP3s for FMA), and FMA with Last.fm tags.</summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class ExtractOtherDatasetsTests : IDisposable
{
    private readonly TempDirectory _dir = new("extract-datasets");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Fma_uses_its_published_split_genre_tags_and_subset_folders()
    {
        var source = _dir.File("fma");
        var tracks = new[]
        {
            new FmaTrack(2, "small", "training", [21], [21], "Hip-Hop"),
            new FmaTrack(3, "small", "training", [811], [21, 811], "Hip-Hop"),
            new FmaTrack(5, "medium", "validation", [12], [12], "Rock"),
            new FmaTrack(1_024, "medium", "test", [25], [12, 25], "Rock"),
            new FmaTrack(2_048, "large", "training", [15], [15], "Electronic"),
        };
        FmaFixture.Write(source, tracks);
        FmaFixture.WriteAudio(source, "medium", [2, 3, 5, 1_024]);
        var output = _dir.File("out");

        var (code, text, error) = CliRunner.Run("extract", "--dataset", "fma", "--source", source, "--out", output, "--audio");

        Assert.True(code == ExitCodes.Success, error + text);
        var summary = ExtractionSummary.Read(Path.Combine(output, "summary.json"));
        Assert.Equal(4, summary.ClipsOk);
        Assert.Equal(0, summary.ClipsFailed);
        Assert.Equal(new Dictionary<string, int> { ["train"] = 2, ["valid"] = 1, ["test"] = 1 }, summary.Splits);
        Assert.Equal(["Hip-Hop", "Rock", "Hip-Hop Beats", "Punk"], summary.Tags);
        var dataset = ExtractedDataset.Open(output);
        Assert.Equal(Path.Combine(source, "fma_medium", "001", "001024.mp3"), Assert.Single(dataset.Clips(Split.Test)).AudioPath);
    }

    [Fact]
    public void Msd_keeps_tags_above_the_threshold_and_splits_at_random()
    {
        var source = _dir.File("msd");
        Directory.CreateDirectory(source);
        var tracks = Enumerable.Range(0, 20).Select(i => new MsdTrack(
            $"TRAAA{i:D2}128F429D538",
            [new MsdTag("rock", i % 2 == 0 ? 100 : 10), new MsdTag("female vocalists", i % 3 == 0 ? 50 : 49.5)])).ToList();
        MsdFixture.Write(source, tracks);
        var output = _dir.File("out");

        var (code, text, error) = CliRunner.Run("extract", "--dataset", "msd", "--source", source, "--out", output,
            "-D", "pipeline.dataset.valid-fraction=0.2", "-D", "pipeline.dataset.test-fraction=0.2");

        Assert.True(code == ExitCodes.Success, error + text);
        var summary = ExtractionSummary.Read(Path.Combine(output, "summary.json"));
        // rock on the 10 even tracks, female vocalists on the 7 multiples of 3: 13 tracks have a kept tag.
        Assert.Equal(["rock", "female vocalists"], summary.Tags);
        Assert.Equal(13, summary.ClipsTotal);
        Assert.Equal(7, summary.DroppedWithoutTags);
        Assert.Equal(new Dictionary<string, int> { ["train"] = 7, ["valid"] = 3, ["test"] = 3 }, summary.Splits);
    }

    [Fact]
    public void Fma_with_last_fm_tags_writes_the_match_report_and_prints_its_summary()
    {
        var source = _dir.File("fma");
        FmaLastFmFixture.Write(source);
        var output = _dir.File("out");

        var (code, text, error) = CliRunner.Run("extract", "--dataset", "fma", "--source", source, "--out", output,
            "-D", "pipeline.dataset.fma.tag-source=lastfm", "-D", "pipeline.dataset.fma.subset=small");

        Assert.True(code == ExitCodes.Success, error + text);
        var summary = ExtractionSummary.Read(Path.Combine(output, "summary.json"));
        Assert.Equal(["Hip-Hop", "pop", "rap", "rnb"], summary.Tags);
        Assert.Equal(2, summary.ClipsTotal);
        Assert.Equal(3, summary.DroppedWithoutTags);
        var line = Assert.Single(summary.MetadataReports);
        Assert.StartsWith("Last.fm tags: 3 of 5 FMA tracks matched", line);
        Assert.Contains($"metadata     {line}", text);
        Assert.Equal(6, File.ReadAllLines(Path.Combine(output, "lastfm-match.tsv")).Length);
    }

    [Fact]
    public void An_sqlite_file_that_is_not_a_database_is_exit_code_2_naming_the_file()
    {
        var source = _dir.File("msd");
        Directory.CreateDirectory(source);
        File.WriteAllBytes(Path.Combine(source, "lastfm_tags.db"), new byte[4096]);
        File.WriteAllText(Path.Combine(source, "msd_paths.tsv"), "TRAAAAW128F429D538\taudio/a.mp3\n");

        var (code, _, error) = CliRunner.Run("extract", "--dataset", "msd", "--source", source, "--out", _dir.File("out"));

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("lastfm_tags.db", error);
    }
}
