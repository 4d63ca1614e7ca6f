using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Fma;
using Pipeline.Streams.Datasets.Fma.LastFm;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Datasets.LastFm;

public sealed class FmaLastFmReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("fma-lastfm");

    public void Dispose() => _dir.Dispose();

    private static FmaSettings Settings(double minTagValue = 50, string? trackMetadata = null) =>
        TestSettings.Defaults.Dataset.Fma with
        {
            Subset = FmaSubset.Small,
            TagSource = FmaTagSource.LastFm,
            LastFm = TestSettings.Defaults.Dataset.Fma.LastFm with
            {
                MinTagValue = minTagValue,
                TrackMetadataFile = trackMetadata ?? TestSettings.Defaults.Dataset.Fma.LastFm.TrackMetadataFile,
            },
        };

    private DatasetMetadata Read(FmaSettings? settings = null) => new FmaReader(settings ?? Settings()).Read(_dir.Path);

    private static Dictionary<string, string[]> TagsById(DatasetMetadata metadata) => metadata.Clips.ToDictionary(c => c.Id, c => c.Tags.ToArray());

    private static Dictionary<string, string[]> ReportRows(DatasetMetadata metadata) =>
        Assert.Single(metadata.Reports!).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split('\t')).ToDictionary(fields => fields[0]);

    [Theory]
    [InlineData(TrackMetadataSchema.Published)]
    [InlineData(TrackMetadataSchema.ExampleCode)]
    public void Fma_tracks_take_the_tags_of_the_msd_track_with_their_artist_and_title(TrackMetadataSchema schema)
    {
        FmaLastFmFixture.Write(_dir.Path, schema);

        var metadata = Read();

        var tags = TagsById(metadata);
        Assert.Equal(["2", "3", "5", "10", "20"], metadata.Clips.Select(c => c.Id));
        Assert.Equal(["Hip-Hop", "rap"], tags["2"]);
        Assert.Equal(["pop", "rnb"], tags["3"]);
        Assert.Empty(tags["5"]);
        Assert.Empty(tags["10"]);
        Assert.Empty(tags["20"]);
        Assert.Equal(["jazz", "Hip-Hop", "rap", "underground", "soul", "pop", "rnb", "female vocalists", "indie", "rock"], metadata.Vocabulary);
        Assert.Equal([Split.Train, Split.Train, Split.Valid, Split.Test, Split.Test], metadata.Clips.Select(c => c.PublishedSplit));
    }

    [Fact]
    public void The_report_says_how_each_track_matched_and_what_did_not()
    {
        FmaLastFmFixture.Write(_dir.Path);

        var metadata = Read();

        var report = Assert.Single(metadata.Reports!);
        Assert.Equal("lastfm-match.tsv", report.FileName);
        Assert.StartsWith(LastFmMatchReport.Header + "\n", report.Text);
        var rows = ReportRows(metadata);
        Assert.Equal(["2", "3", "5", "10", "20"], rows.Keys);
        Assert.Equal(["2", "unique", "1", "TRAAAAW128F429D538", "2", "168", "168.935", "AWOL", "Food", "AWOL", "Food (Album Version)", "awol / food"], rows["2"]);
        Assert.Equal(["duration", "2", "TRBBBBB128F4290002", "2"], rows["3"][1..5]);
        Assert.Equal(["unique", "1", "TRCCCCC128F4290003", "0"], rows["5"][1..5]);
        Assert.Equal(["no-match", "0", "", ""], rows["10"][1..5]);
        Assert.Equal(["no-name", "0", "", ""], rows["20"][1..5]);
        Assert.Equal(
            "Last.fm tags: 3 of 5 FMA tracks matched an MSD track by artist and title (2 unique, 1 by duration, 0 by the lowest track_id), " +
            "1 no match, 1 without a usable artist or title; 2 matched tracks have a tag of weight >= 50 (lastfm-match.tsv)",
            report.Summary);
    }

    [Fact]
    public void The_tag_threshold_comes_from_the_settings()
    {
        FmaLastFmFixture.Write(_dir.Path);

        var tags = TagsById(Read(Settings(minTagValue: 10)));

        Assert.Equal(["Hip-Hop", "rap", "underground"], tags["2"]);
        Assert.Equal(["pop", "rnb", "female vocalists"], tags["3"]);
        Assert.Equal(["indie"], tags["5"]);
    }

    [Fact]
    public void The_msd_files_may_be_anywhere()
    {
        var folder = FmaLastFmFixture.Write(_dir.Path);
        var elsewhere = _dir.File("msd-copy.db");
        File.Move(Path.Combine(folder, MsdTrackMetadataFixture.FileName), elsewhere);

        Assert.Equal(["Hip-Hop", "rap"], TagsById(Read(Settings(trackMetadata: elsewhere)))["2"]);
    }

    [Theory]
    [InlineData(MsdTrackMetadataFixture.FileName, "pipeline.dataset.fma.lastfm.track-metadata")]
    [InlineData(MsdFixture.DatabaseFile, "pipeline.dataset.fma.lastfm.tags")]
    public void A_missing_msd_file_is_named_with_its_setting(string file, string key)
    {
        var folder = FmaLastFmFixture.Write(_dir.Path);
        File.Delete(Path.Combine(folder, file));

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(Path.Combine(folder, file), error.File);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void A_songs_table_without_the_names_is_reported_by_column()
    {
        var folder = FmaLastFmFixture.Write(_dir.Path);
        var file = Path.Combine(folder, MsdTrackMetadataFixture.FileName);
        File.Delete(file);
        MsdTrackMetadataFixture.WriteWithoutColumn(file, "artist_name");

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(file, error.File);
        Assert.Contains("the table 'songs' has no column 'artist_name'", error.Message);
    }

    [Fact]
    public void Genres_are_not_needed_for_last_fm_tags()
    {
        var folder = FmaLastFmFixture.Write(_dir.Path);
        File.Delete(Path.Combine(folder, "genres.csv"));

        Assert.Equal(5, Read().Clips.Count);
    }
}
