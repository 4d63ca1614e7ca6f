using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Fma;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Datasets;

/// <summary>Bad FMA metadata is reported with the file, the line and what was expected.</summary>
public sealed class FmaReaderErrorTests : FmaReaderTestBase
{
    [Theory]
    [InlineData(FmaHeaderRow.Groups, 2)]
    [InlineData(FmaHeaderRow.Fields, 2)]
    [InlineData(FmaHeaderRow.Index, 3)]
    public void A_missing_header_row_is_reported_with_file_line_and_the_expected_header(FmaHeaderRow dropped, long line)
    {
        FmaFixture.Write(_dir.Path, Tracks, dropHeaderRow: dropped);

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(TracksFile, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains($"{TracksFile}:{line}:", error.Message);
        Assert.Contains("three header rows", error.Message);
    }

    [Fact]
    public void A_header_without_the_tag_column_names_the_missing_group_and_field()
    {
        var columns = FmaFixture.RealColumns.Where(c => c != ("track", "genres_all")).ToList();
        FmaFixture.Write(_dir.Path, Tracks, columns: columns);

        var error = Assert.Throws<MetadataException>(() => Read(tags: FmaTagSource.GenresAll));

        Assert.Equal(2, error.Line);
        Assert.Contains("(track, genres_all)", error.Message);
        // The other tag columns are still there, so reading with them works.
        Assert.Equal(4, Read(tags: FmaTagSource.Genres).Clips.Count);
    }

    [Fact]
    public void A_genre_id_genres_csv_does_not_know_is_reported_on_the_track_line()
    {
        FmaFixture.Write(_dir.Path, [Tracks[0], new FmaTrack(77, "small", "test", [21], [21, 4242])]);

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(TracksFile, error.File);
        Assert.Equal(LineOfTrack(77), error.Line);
        Assert.Contains("4242", error.Message);
    }

    [Fact]
    public void A_top_genre_genres_csv_does_not_know_is_reported()
    {
        FmaFixture.Write(_dir.Path, [new FmaTrack(77, "small", "test", [21], [21], GenreTop: "Polka")]);

        var error = Assert.Throws<MetadataException>(() => Read(tags: FmaTagSource.GenreTop));

        Assert.Equal(LineOfTrack(77), error.Line);
        Assert.Contains("'Polka'", error.Message);
    }

    [Theory]
    [InlineData("[21, x]")]
    [InlineData("21, 811")]
    [InlineData("[21,, 811]")]
    public void An_unparsable_genre_list_is_reported_on_the_track_line(string list)
    {
        var broken = new FmaTrack(77, "small", "test", [21], [21]) { Overrides = new Dictionary<(string, string), string> { [("track", "genres_all")] = list } };
        FmaFixture.Write(_dir.Path, [Tracks[0], broken]);

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(LineOfTrack(77), error.Line);
        Assert.Contains(list, error.Message);
    }

    [Fact]
    public void A_duplicate_track_id_is_reported_on_its_second_line()
    {
        FmaFixture.Write(_dir.Path, [Tracks[0], Tracks[1], Tracks[0] with { Split = "test" }]);
        var lines = File.ReadAllLines(TracksFile);
        var first = Array.FindIndex(lines, l => l.StartsWith("2,", StringComparison.Ordinal)) + 1;
        var second = Array.FindLastIndex(lines, l => l.StartsWith("2,", StringComparison.Ordinal)) + 1;

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(second, error.Line);
        Assert.Contains($"first on line {first}", error.Message);
    }

    [Fact]
    public void A_row_with_fewer_fields_than_the_header_is_reported()
    {
        FmaFixture.Write(_dir.Path, Tracks);
        File.AppendAllText(TracksFile, "99,0,2008-11-26 01:44:45\n");
        var lastLine = File.ReadAllLines(TracksFile).Length;

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(lastLine, error.Line);
        Assert.Contains($"expected {FmaFixture.RealColumns.Count + 1} fields", error.Message);
    }

    [Theory]
    [InlineData("set", "split", "train")]
    [InlineData("set", "subset", "tiny")]
    public void An_unknown_split_or_subset_value_is_reported(string group, string field, string value)
    {
        var broken = new FmaTrack(77, "small", "test", [21], [21]) { Overrides = new Dictionary<(string, string), string> { [(group, field)] = value } };
        FmaFixture.Write(_dir.Path, [broken]);

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(LineOfTrack(77), error.Line);
        Assert.Contains($"'{value}'", error.Message);
    }

    [Theory]
    [InlineData("tracks.csv")]
    [InlineData("genres.csv")]
    public void A_missing_metadata_file_is_reported_by_name(string name)
    {
        var folder = FmaFixture.Write(_dir.Path, Tracks);
        File.Delete(Path.Combine(folder, name));

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(Path.Combine(folder, name), error.File);
        Assert.Null(error.Line);
    }

    [Fact]
    public void The_metadata_folder_comes_from_the_settings()
    {
        FmaFixture.Write(_dir.Path, Tracks, metadataFolder: "meta");
        var settings = TestSettings.Defaults.Dataset.Fma with { MetadataFolder = "meta", Subset = FmaSubset.Small, TagSource = FmaTagSource.Genres };

        var metadata = new FmaReader(settings).Read(_dir.Path);

        Assert.Equal(["2", "5"], metadata.Clips.Select(c => c.Id));
        Assert.Throws<MetadataException>(() => new FmaReader(TestSettings.Defaults.Dataset.Fma).Read(_dir.Path));
    }
}
