using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Fma;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Datasets;

public sealed class FmaReaderTests : FmaReaderTestBase
{
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
        foreach (var name in FmaSubsets.Names)
            Assert.Equal(name, FmaSubsets.NameOf(FmaSubsets.Parse(name)));
        foreach (var name in FmaTagSources.Names)
            Assert.Equal(name, FmaTagSources.NameOf(FmaTagSources.Parse(name)));
        Assert.Throws<ArgumentException>(() => FmaSubsets.Parse("huge"));
        Assert.Throws<ArgumentException>(() => FmaTagSources.Parse("genre"));
    }
}
