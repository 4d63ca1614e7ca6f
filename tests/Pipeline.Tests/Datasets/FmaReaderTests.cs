using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Fma;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Datasets;

public sealed class FmaReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("fma-reader");

    public void Dispose() => _dir.Dispose();

    // Small within medium within large: 2 and 5 are small, 140 is medium, 12345 is large.
    private static readonly FmaTrack[] Tracks =
    [
        new(2, "small", "training", Genres: [21], GenresAll: [21], GenreTop: "Hip-Hop"),
        new(5, "small", "validation", Genres: [811], GenresAll: [811, 21], GenreTop: "Hip-Hop"),
        new(140, "medium", "test", Genres: [236, 76], GenresAll: [236, 15, 76, 10], GenreTop: ""),
        new(12345, "large", "training", Genres: [25], GenresAll: [25, 12], GenreTop: "Rock"),
    ];

    private string TracksFile => Path.Combine(_dir.Path, "fma_metadata", "tracks.csv");

    private DatasetMetadata Read(FmaSubset subset = FmaSubset.Large, FmaTagSource tags = FmaTagSource.GenresAll) =>
        new FmaReader(FmaSettings.Default with { Subset = subset, TagSource = tags }).Read(_dir.Path);

    private static Dictionary<string, string[]> TagsById(DatasetMetadata metadata) =>
        metadata.Clips.ToDictionary(c => c.Id, c => c.Tags.ToArray());

    private long LineOfTrack(int id) =>
        Array.FindIndex(File.ReadAllLines(TracksFile), l => l.StartsWith($"{id},", StringComparison.Ordinal)) + 1;

    [Fact]
    public void Genres_all_gives_every_genre_title_in_the_list_order()
    {
        FmaFixture.Write(_dir.Path, Tracks);

        var tags = TagsById(Read(tags: FmaTagSource.GenresAll));

        Assert.Equal(["Hip-Hop"], tags["2"]);
        Assert.Equal(["Hip-Hop Beats", "Hip-Hop"], tags["5"]);
        Assert.Equal(["IDM", "Electronic", "Experimental Pop", "Pop"], tags["140"]);
        Assert.Equal(["Punk", "Rock"], tags["12345"]);
    }

    [Fact]
    public void Genres_gives_only_the_genres_picked_for_the_track()
    {
        FmaFixture.Write(_dir.Path, Tracks);

        var tags = TagsById(Read(tags: FmaTagSource.Genres));

        Assert.Equal(["Hip-Hop"], tags["2"]);
        Assert.Equal(["Hip-Hop Beats"], tags["5"]);
        Assert.Equal(["IDM", "Experimental Pop"], tags["140"]);
        Assert.Equal(["Punk"], tags["12345"]);
    }

    [Fact]
    public void Genre_top_gives_the_top_genre_and_no_tag_where_it_is_empty()
    {
        FmaFixture.Write(_dir.Path, Tracks);

        var tags = TagsById(Read(tags: FmaTagSource.GenreTop));

        Assert.Equal(["Hip-Hop"], tags["2"]);
        Assert.Equal(["Hip-Hop"], tags["5"]);
        Assert.Empty(tags["140"]);
        Assert.Equal(["Rock"], tags["12345"]);
    }

    [Fact]
    public void An_empty_genre_list_gives_a_clip_without_tags()
    {
        FmaFixture.Write(_dir.Path, [new FmaTrack(7, "small", "training", Genres: [], GenresAll: [])]);

        var clip = Assert.Single(Read().Clips);

        Assert.Equal("7", clip.Id);
        Assert.Empty(clip.Tags);
    }

    [Fact]
    public void A_genre_listed_twice_is_one_tag()
    {
        FmaFixture.Write(_dir.Path, [new FmaTrack(7, "small", "training", Genres: [21], GenresAll: [21, 811, 21])]);

        Assert.Equal(["Hip-Hop", "Hip-Hop Beats"], Assert.Single(Read().Clips).Tags.ToArray());
    }

    [Theory]
    [InlineData(FmaSubset.Small, new[] { "2", "5" })]
    [InlineData(FmaSubset.Medium, new[] { "2", "5", "140" })]
    [InlineData(FmaSubset.Large, new[] { "2", "5", "140", "12345" })]
    [InlineData(FmaSubset.Full, new[] { "2", "5", "140", "12345" })]
    public void Subsets_are_nested_and_full_is_every_track(FmaSubset subset, string[] expectedIds)
    {
        FmaFixture.Write(_dir.Path, Tracks);

        var metadata = Read(subset);

        Assert.Equal(expectedIds, metadata.Clips.Select(c => c.Id));
        Assert.Equal(Path.Combine(_dir.Path, "fma_" + FmaSubsets.NameOf(subset)), metadata.AudioRoot);
        Assert.Equal("fma", metadata.Name);
    }

    [Fact]
    public void Full_takes_tracks_the_subsets_do_not_reach()
    {
        // In the real file every track is small, medium or large; a track only 'full' reads is still one of those.
        FmaFixture.Write(_dir.Path, [new FmaTrack(9, "large", "test", [12], [12])]);

        Assert.Empty(Read(FmaSubset.Medium).Clips);
        Assert.Equal(["9"], Read(FmaSubset.Full).Clips.Select(c => c.Id));
    }

    [Fact]
    public void The_published_split_comes_from_set_split()
    {
        FmaFixture.Write(_dir.Path, Tracks);

        var splits = Read().Clips.ToDictionary(c => c.Id, c => c.PublishedSplit);

        Assert.Equal(Split.Train, splits["2"]);
        Assert.Equal(Split.Valid, splits["5"]);
        Assert.Equal(Split.Test, splits["140"]);
        Assert.Equal(Split.Train, splits["12345"]);
    }

    [Theory]
    [InlineData(2, "000/000002.mp3")]
    [InlineData(999, "000/000999.mp3")]
    [InlineData(1000, "001/001000.mp3")]
    [InlineData(12345, "012/012345.mp3")]
    [InlineData(155320, "155/155320.mp3")]
    public void Audio_paths_are_the_thousands_folder_and_the_six_digit_id(int id, string expected)
    {
        FmaFixture.Write(_dir.Path, [new FmaTrack(id, "medium", "training", [21], [21])]);

        var metadata = Read(FmaSubset.Medium);

        var clip = Assert.Single(metadata.Clips);
        Assert.Equal(expected, clip.AudioPath);
        Assert.Equal(id.ToString(), clip.Id);
        Assert.Equal(Path.Combine(_dir.Path, "fma_medium"), metadata.AudioRoot);
    }

    [Fact]
    public void The_vocabulary_is_every_genre_title_in_genres_csv_order()
    {
        FmaFixture.Write(_dir.Path, [Tracks[0]]);

        Assert.Equal(FmaFixture.Genres.Select(g => g.Title), Read().Vocabulary);
    }

    [Theory]
    [InlineData(FmaTagSource.GenresAll)]
    [InlineData(FmaTagSource.GenreTop)]
    public void Titles_with_quotes_commas_and_non_ascii_letters_come_through_unchanged(FmaTagSource source)
    {
        FmaGenre[] genres =
        [
            new(300, 12, 0, "Électronique", 300),
            new(301, 3, 300, "Drum & Bass, \"Jungle\"", 300),
            new(302, 1, 0, "Música Popular Brasileira", 302),
        ];
        FmaFixture.Write(_dir.Path,
        [
            new FmaTrack(10, "small", "training", [301], [301, 300], GenreTop: "Électronique", Title: "Ça va, \"non\"?"),
            new FmaTrack(11, "small", "test", [302], [302], GenreTop: "Música Popular Brasileira"),
        ], genres);

        var metadata = Read(tags: source);

        Assert.Equal(["Électronique", "Drum & Bass, \"Jungle\"", "Música Popular Brasileira"], metadata.Vocabulary);
        var tags = TagsById(metadata);
        Assert.Equal(source == FmaTagSource.GenresAll ? ["Drum & Bass, \"Jungle\"", "Électronique"] : ["Électronique"], tags["10"]);
        Assert.Equal(["Música Popular Brasileira"], tags["11"]);
    }

    [Fact]
    public void Multi_line_quoted_fields_do_not_break_the_rows()
    {
        FmaFixture.Write(_dir.Path, Tracks);
        // The fixture's album information and artist bio span lines, so the file has more lines than records.
        Assert.True(File.ReadAllLines(TracksFile).Length >= 3 + 3 * Tracks.Length);

        var metadata = Read();

        Assert.Equal(["2", "5", "140", "12345"], metadata.Clips.Select(c => c.Id));
        Assert.Equal(["Punk", "Rock"], metadata.Clips[^1].Tags.ToArray());
    }

    [Fact]
    public void Columns_are_found_by_group_and_field_not_by_position()
    {
        FmaFixture.Write(_dir.Path, Tracks, columns: FmaFixture.RealColumns.Reverse().ToList());

        var metadata = Read(FmaSubset.Medium);

        Assert.Equal(["2", "5", "140"], metadata.Clips.Select(c => c.Id));
        Assert.Equal(["Hip-Hop Beats", "Hip-Hop"], metadata.Clips[1].Tags.ToArray());
        Assert.Equal(Split.Test, metadata.Clips[2].PublishedSplit);
    }

    [Fact]
    public void Genres_csv_columns_are_found_by_name()
    {
        var folder = FmaFixture.Write(_dir.Path, [Tracks[0]]);
        File.WriteAllText(Path.Combine(folder, "genres.csv"), "title,top_level,genre_id,parent\nHip-Hop,21,21,0\nRock,12,12,0\n");

        var metadata = Read();

        Assert.Equal(["Hip-Hop", "Rock"], metadata.Vocabulary);
        Assert.Equal(["Hip-Hop"], metadata.Clips[0].Tags.ToArray());
    }

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
        var settings = new FmaSettings("meta", FmaSubset.Small, FmaTagSource.Genres);

        var metadata = new FmaReader(settings).Read(_dir.Path);

        Assert.Equal(["2", "5"], metadata.Clips.Select(c => c.Id));
        Assert.Throws<MetadataException>(() => new FmaReader(FmaSettings.Default).Read(_dir.Path));
    }

    [Fact]
    public void Audio_paths_lead_to_the_fixture_mp3s_under_the_subset_folder()
    {
        FmaFixture.Write(_dir.Path, Tracks);
        FmaFixture.WriteAudio(_dir.Path, "medium", [2, 5, 140]);

        var metadata = Read(FmaSubset.Medium);

        Assert.Equal(3, metadata.Clips.Count);
        foreach (var clip in metadata.Clips)
        {
            var audio = Decoding.Reader.Read(Path.Combine(metadata.AudioRoot, clip.AudioPath));
            Assert.Equal(44_100, audio.SampleRate);
            Assert.InRange(audio.Duration.TotalSeconds, 29.9, 30.2);
        }
    }

    [Fact]
    public void Settings_names_round_trip()
    {
        Assert.Equal(new FmaSettings("fma_metadata", FmaSubset.Medium, FmaTagSource.GenresAll), FmaSettings.Default);
        foreach (var name in FmaSubsets.Names)
            Assert.Equal(name, FmaSubsets.NameOf(FmaSubsets.Parse(name)));
        foreach (var name in FmaTagSources.Names)
            Assert.Equal(name, FmaTagSources.NameOf(FmaTagSources.Parse(name)));
        Assert.Throws<ArgumentException>(() => FmaSubsets.Parse("huge"));
        Assert.Throws<ArgumentException>(() => FmaTagSources.Parse("genre"));
    }
}
