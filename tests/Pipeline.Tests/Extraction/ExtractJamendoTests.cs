using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Jamendo;
using Pipeline.Streams.Extraction;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Extraction;

/// <summary>The extract command on an MTG-Jamendo-format source: the published split files and whole-track 320 kbps MP3s.</summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class ExtractJamendoTests : IDisposable
{
    private readonly TempDirectory _dir = new("extract-jamendo");

    public void Dispose() => _dir.Dispose();

    // Whole tracks: every one longer than an MTAT or FMA clip (the real ones run from 30 s to 69 min).
    private static readonly JamendoTrack[] Train =
    [
        new(214, 14, 31, 40.0, "genre---punkrock", "genre---rock"),
        new(1376256, 490499, 161779, 33.5, "genre---rock"),
    ];
    private static readonly JamendoTrack[] Validation = [new(382, 20, 46, 31.2, "genre---rock")];
    private static readonly JamendoTrack[] Test = [new(948, 87, 149, 36.1, "genre---ambient", "genre---rock")];

    private string Source => _dir.File("jamendo");
    private string Output => _dir.File("out");

    private (int Code, string Output, string Error) Extract(params string[] extra) =>
        CliRunner.Run(["extract", "--dataset", "jamendo", "--source", Source, "--out", Output, .. extra]);

    [Fact]
    public void A_subset_and_split_extract_with_every_tag_and_the_whole_tracks_in_the_cache()
    {
        JamendoFixture.Write(Source, 2, JamendoSubset.Genre, Train, Validation, Test);
        JamendoFixture.WriteAudio(Source, [.. Train, .. Validation, .. Test]);

        // top-tags does not cut a Jamendo subset: its tags are the benchmark's.
        var (code, text, error) = Extract("--audio", "-D", "pipeline.dataset.jamendo.subset=genre", "-D", "pipeline.dataset.jamendo.split=2",
            "-D", "pipeline.dataset.top-tags=1", "-D", "pipeline.extraction.shard-megabytes=1");

        Assert.True(code == ExitCodes.Success, error + text);
        var summary = ExtractionSummary.Read(Path.Combine(Output, ArchiveFiles.Summary));
        Assert.Equal(new Dictionary<string, int> { ["train"] = 2, ["valid"] = 1, ["test"] = 1 }, summary.Splits);
        Assert.Equal(["genre---rock", "genre---ambient", "genre---punkrock"], summary.Tags);
        Assert.Equal(0, summary.ClipsFailed);
        using (var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, ArchiveFiles.Dataset))))
            Assert.Equal(JsonValueKind.Null, info.RootElement.GetProperty("top_tags").ValueKind);

        var dataset = ExtractedDataset.Open(Output);
        Assert.Equal(Path.Combine(Source, "48", "948.mp3"), Assert.Single(dataset.Clips(Split.Test)).AudioPath);
        Assert.Equal([1f, 1f, 0f], Assert.Single(dataset.Clips(Split.Test)).Labels.ToArray());
        // The cache holds each whole track at 22,050 Hz (mpg123's gapless length: the source's samples exactly).
        var lengths = CacheIndex.Read(Path.Combine(Output, ArchiveFiles.AudioFolder)).ToDictionary(e => e.ClipId, e => e.Length);
        foreach (var track in Train.Concat(Validation).Concat(Test))
            Assert.InRange(lengths[$"track_{track.Id:D7}"], (int)(track.Seconds * 22_050) - 2, (int)(track.Seconds * 22_050) + 2);
    }

    [Theory]
    [InlineData("pipeline.dataset.jamendo.subset=mood", "must be one of: top50tags, genre, instrument, moodtheme, all")]
    [InlineData("pipeline.dataset.jamendo.split=5", "must be between 0 and 4")]
    [InlineData("pipeline.dataset.jamendo.audio=medium", "must be one of: full, low")]
    public void A_bad_jamendo_setting_is_exit_code_2_naming_the_key(string setting, string problem)
    {
        JamendoFixture.Write(Source, 0, JamendoSubset.Top50Tags, Train, Validation, Test);

        var (code, _, error) = Extract("-D", setting);

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains(setting.Split('=')[0], error);
        Assert.Contains(problem, error);
    }

    [Fact]
    public void A_missing_split_file_is_exit_code_2_naming_the_file()
    {
        JamendoFixture.Write(Source, 0, JamendoSubset.Top50Tags, Train, Validation, Test);
        File.Delete(JamendoFixture.SplitFile(Source, 0, JamendoSubset.Top50Tags, "test"));

        var (code, _, error) = Extract();

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains(JamendoFixture.SplitFile(Source, 0, JamendoSubset.Top50Tags, "test"), error);
    }
}
