using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Jamendo;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Datasets;

public sealed class JamendoReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("jamendo-reader");

    public void Dispose() => _dir.Dispose();

    // As in the real split files: one to several tags per track, from all three categories, ids of several widths.
    private static readonly JamendoTrack[] Train =
    [
        new(382, 20, 46, 211.1, "instrument---voice"),
        new(214, 14, 31, 124.6, "genre---punkrock", "genre---rock", "instrument---guitar", "mood/theme---energetic", "mood/theme---happy"),
    ];

    private static readonly JamendoTrack[] Validation = [new(1376256, 490499, 161779, 166.0, "genre---easylistening", "mood/theme---corporate")];

    private static readonly JamendoTrack[] Test = [new(948, 87, 149, 212.7, "mood/theme---background", "genre---ambient")];

    private DatasetMetadata Read(JamendoSubset subset = JamendoSubset.All, int split = 0, bool low = false) =>
        new JamendoReader(new JamendoSettings("data", subset, split, low)).Read(_dir.Path);

    private void WriteDefault() => JamendoFixture.Write(_dir.Path, 0, JamendoSubset.All, Train, Validation, Test);

    [Fact]
    public void The_published_split_files_give_the_splits_tags_paths_and_durations()
    {
        WriteDefault();

        var metadata = Read();

        Assert.Equal("jamendo", metadata.Name);
        Assert.Equal(_dir.Path, metadata.AudioRoot);
        Assert.Equal(["track_0000382", "track_0000214", "track_1376256", "track_0000948"], metadata.Clips.Select(c => c.Id));
        Assert.Equal([Split.Train, Split.Train, Split.Valid, Split.Test], metadata.Clips.Select(c => c.PublishedSplit));
        var many = metadata.Clips[1];
        Assert.Equal("14/214.mp3", many.AudioPath);
        Assert.Equal(124.6, many.StatedSeconds);
        // Five tag columns, the last one before the CRLF, names as written.
        Assert.Equal(["genre---punkrock", "genre---rock", "instrument---guitar", "mood/theme---energetic", "mood/theme---happy"], many.Tags.ToArray());
        Assert.Equal(["genre---easylistening", "mood/theme---corporate"], metadata.Clips[2].Tags.ToArray());
        Assert.Equal("56/1376256.mp3", metadata.Clips[2].AudioPath);
        Assert.Equal(JamendoReader.StatedLengthSource, metadata.StatedLengthSource);
        Assert.Equal(metadata.Clips.SelectMany(c => c.Tags).Distinct().Order(StringComparer.Ordinal), metadata.Vocabulary);
    }

    [Fact]
    public void The_subset_and_the_split_choose_the_files()
    {
        WriteDefault();
        JamendoFixture.Write(_dir.Path, 3, JamendoSubset.Genre,
            [new(5, 1, 1, 40.5, "genre---rock")], [new(6, 1, 1, 50, "genre---pop")], [new(7, 1, 1, 60, "genre---jazz"), new(8, 2, 2, 70, "genre---rock")]);

        var metadata = Read(JamendoSubset.Genre, split: 3);

        Assert.Equal(["track_0000005", "track_0000006", "track_0000007", "track_0000008"], metadata.Clips.Select(c => c.Id));
        Assert.Equal(["genre---jazz", "genre---pop", "genre---rock"], metadata.Vocabulary);
        Assert.Throws<MetadataException>(() => Read(JamendoSubset.Genre, split: 0));
    }

    [Fact]
    public void The_low_quality_download_is_read_under_its_own_file_names()
    {
        WriteDefault();

        Assert.Equal(["82/382.low.mp3", "14/214.low.mp3", "56/1376256.low.mp3", "48/948.low.mp3"], Read(low: true).Clips.Select(c => c.AudioPath));
    }

    [Fact]
    public void A_missing_split_file_is_named()
    {
        WriteDefault();
        var validation = JamendoFixture.SplitFile(_dir.Path, 0, JamendoSubset.All, "validation");
        File.Delete(validation);

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(validation, error.File);
        Assert.Contains("autotagging-train.tsv, -validation.tsv and -test.tsv", error.Message);
    }

    [Fact]
    public void A_missing_split_folder_lists_the_splits_there_are()
    {
        WriteDefault();
        JamendoFixture.Write(_dir.Path, 2, JamendoSubset.All, Train, Validation, Test);

        var error = Assert.Throws<MetadataException>(() => Read(split: 4));

        Assert.Equal(JamendoFixture.SplitFolder(_dir.Path, 4), error.File);
        Assert.Contains("split-0, split-2", error.Message);
    }

    [Fact]
    public void A_source_without_the_data_folder_says_what_it_needs()
    {
        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(Path.Combine(_dir.Path, "data", "splits"), error.File);
        Assert.Contains("pipeline.dataset.jamendo.data-folder", error.Message);
    }

    [Theory]
    [InlineData("TRACK_ID\tARTIST_ID\tALBUM_ID\tPATH\tTAGS", 1, "expected the header")]
    [InlineData("track_0000009\tartist_000001\talbum_000001\t09/9.mp3", 3, "at least 5 tab-separated fields")]
    [InlineData("9\tartist_000001\talbum_000001\t09/9.mp3\t31.0\tgenre---rock", 3, "TRACK_ID '9'")]
    [InlineData("track_0000009\tartist_000001\talbum_000001\t09/9.mp3\t3l.0\tgenre---rock", 3, "DURATION '3l.0'")]
    [InlineData("track_0000009\tartist_000001\talbum_000001\t09/9.mp3\t-1\tgenre---rock", 3, "DURATION '-1'")]
    [InlineData("track_0000009\tartist_000001\talbum_000001\t\t31.0\tgenre---rock", 3, "empty PATH")]
    [InlineData("track_0000009\tartist_000001\talbum_000001\t../9.mp3\t31.0\tgenre---rock", 3, "not a path inside")]
    [InlineData("track_0000009\tartist_000001\talbum_000001\t09/9.mp3\t31.0\tgenre---rock\trock", 3, "'rock' in tag column 2")]
    [InlineData("track_0000009\tartist_000001\talbum_000001\t09/9.mp3\t31.0\tgenre---rock\t", 3, "'' in tag column 2")]
    [InlineData("track_0000009\tartist_000001\talbum_000001\t09/9.mp3\t31.0\ttempo---fast", 3, "'tempo---fast' in tag column 1")]
    [InlineData("track_0000382\tartist_000001\talbum_000001\t82/382.mp3\t31.0\tgenre---rock", 3, "duplicate TRACK_ID track_0000382 (first on line 2)")]
    public void A_malformed_line_is_reported_with_its_file_and_line(string line, int lineNumber, string expected)
    {
        WriteDefault();
        var train = JamendoFixture.SplitFile(_dir.Path, 0, JamendoSubset.All, "train");
        var lines = File.ReadAllText(train).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        if (lineNumber == 1)
            lines[0] = line;
        else
            lines.Insert(lineNumber - 1, line);
        File.WriteAllText(train, string.Concat(lines.Select(l => l + "\r\n")));

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(train, error.File);
        Assert.Equal(lineNumber, error.Line);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_track_in_two_split_files_is_reported_with_both_places()
    {
        JamendoFixture.Write(_dir.Path, 0, JamendoSubset.All, Train, Validation, [.. Test, Train[1]]);

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(JamendoFixture.SplitFile(_dir.Path, 0, JamendoSubset.All, "test"), error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains($"{JamendoFixture.SplitFile(_dir.Path, 0, JamendoSubset.All, "train")}:3", error.Message);
    }

    [Fact]
    public void A_track_id_of_any_width_is_read_as_it_is_written()
    {
        // The real files pad ids to seven digits; the dataset's scripts pad to the widest id of the file they write.
        JamendoFixture.Write(_dir.Path, 0, JamendoSubset.All, Train, Validation, Test);
        var train = JamendoFixture.SplitFile(_dir.Path, 0, JamendoSubset.All, "train");
        File.AppendAllText(train, "track_9\tartist_1\talbum_1\t09/9.mp3\t31.0\tgenre---rock\r\n");

        Assert.Equal("09/9.mp3", Read().Clips.Single(c => c.Id == "track_9").AudioPath);
    }

    [Fact]
    public void A_track_without_tags_is_read_with_none()
    {
        JamendoFixture.Write(_dir.Path, 0, JamendoSubset.All, [.. Train, new(77, 1, 1, 31.5)], Validation, Test);

        Assert.Empty(Read().Clips.Single(c => c.Id == "track_0000077").Tags);
    }
}
