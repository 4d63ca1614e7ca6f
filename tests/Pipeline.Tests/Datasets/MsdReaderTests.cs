using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Msd;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Datasets;

public sealed class MsdReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("msd-reader");

    public void Dispose() => _dir.Dispose();

    private static readonly MsdTrack[] Tracks =
    [
        new("TRAAAAW128F429D538", [new("Hip-Hop", 100), new("rap", 50), new("underground", 49.99), new("80s", 12)]),
        new("TRAAABD128F429CF47", [new("rock", 100), new("classic rock", 75), new("Hip-Hop", 50.01)]),
        // Tagged, but nothing reaches the threshold: a clip without tags.
        new("TRAAADZ128F9348C2E", [new("rock", 10), new("mellow", 0)]),
        // Tagged, but without audio: not a clip.
        new("TRAAAEF128F4273421", [new("jazz", 100)], Mapped: false),
        // Audio, but unknown to Last.fm: a clip without tags.
        new("TRAAAFD128F92F423A", [], InDatabase: false),
    ];

    private string DatabaseFile => _dir.File(MsdFixture.DatabaseFile);
    private string PathMapFile => _dir.File(MsdFixture.PathMapFile);

    private DatasetMetadata Read(double minTagValue = 50) =>
        new MsdReader(TestSettings.Defaults.Dataset.Msd with { MinTagValue = minTagValue }).Read(_dir.Path);

    private static Dictionary<string, string[]> TagsById(DatasetMetadata metadata) =>
        metadata.Clips.ToDictionary(c => c.Id, c => c.Tags.ToArray());

    [Fact]
    public void A_tag_counts_from_the_threshold_up_and_not_below_it()
    {
        MsdFixture.Write(_dir.Path, Tracks);

        var tags = TagsById(Read(50));

        Assert.Equal(["Hip-Hop", "rap"], tags["TRAAAAW128F429D538"]);
        Assert.Equal(["rock", "classic rock", "Hip-Hop"], tags["TRAAABD128F429CF47"]);
        Assert.Empty(tags["TRAAADZ128F9348C2E"]);
    }

    [Theory]
    [InlineData(0, new[] { "Hip-Hop", "rap", "underground", "80s" })]
    [InlineData(12, new[] { "Hip-Hop", "rap", "underground", "80s" })]
    [InlineData(49.99, new[] { "Hip-Hop", "rap", "underground" })]
    [InlineData(50.5, new[] { "Hip-Hop" })]
    [InlineData(100, new[] { "Hip-Hop" })]
    public void The_threshold_comes_from_the_settings(double minTagValue, string[] expected)
    {
        MsdFixture.Write(_dir.Path, Tracks);

        Assert.Equal(expected, TagsById(Read(minTagValue))["TRAAAAW128F429D538"]);
    }

    [Fact]
    public void Clips_are_the_mapped_tracks_in_mapping_order()
    {
        MsdFixture.Write(_dir.Path, Tracks);

        var metadata = Read();

        Assert.Equal(["TRAAAAW128F429D538", "TRAAABD128F429CF47", "TRAAADZ128F9348C2E", "TRAAAFD128F92F423A"],
            metadata.Clips.Select(c => c.Id));
        Assert.Empty(TagsById(metadata)["TRAAAFD128F92F423A"]);
        Assert.All(metadata.Clips, c => Assert.Null(c.PublishedSplit));
        Assert.Equal("msd", metadata.Name);
    }

    [Fact]
    public void Audio_paths_are_the_mapping_paths_relative_to_the_source()
    {
        MsdFixture.Write(_dir.Path, Tracks);

        var metadata = Read();

        Assert.Equal(_dir.Path, metadata.AudioRoot);
        Assert.Equal("audio/A/A/A/TRAAAAW128F429D538.mp3", metadata.Clips[0].AudioPath);
        Assert.All(metadata.Clips, c => Assert.Equal(MsdFixture.AudioPathOf(c.Id), c.AudioPath));
    }

    [Fact]
    public void The_vocabulary_is_every_tag_in_the_tags_table_in_its_order()
    {
        MsdFixture.Write(_dir.Path, Tracks, vocabulary: ["never used", "rock"]);

        var vocabulary = Read().Vocabulary;

        Assert.Equal(["never used", "rock", "Hip-Hop", "rap", "underground", "80s", "classic rock", "mellow", "jazz"], vocabulary);
    }

    [Fact]
    public void Tags_with_quotes_and_non_ascii_letters_come_through_unchanged()
    {
        MsdFixture.Write(_dir.Path, [new MsdTrack("TRAAAAW128F429D538", [new("música latina", 80), new("rock 'n' roll", 60), new("\"quoted\", tag", 55)])]);

        var clip = Assert.Single(Read().Clips);

        Assert.Equal(["música latina", "rock 'n' roll", "\"quoted\", tag"], clip.Tags.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_mapping_header_line_is_optional(bool header)
    {
        MsdFixture.Write(_dir.Path, Tracks, mappingHeader: header);

        Assert.Equal(4, Read().Clips.Count);
    }

    [Fact]
    public void The_file_names_come_from_the_settings()
    {
        MsdFixture.Write(_dir.Path, Tracks);
        Directory.CreateDirectory(_dir.File("meta"));
        File.Move(DatabaseFile, _dir.File("meta/tags.sqlite"));
        File.Move(PathMapFile, _dir.File("meta/paths.tsv"));

        var metadata = new MsdReader(new MsdSettings("meta/tags.sqlite", "meta/paths.tsv", 50)).Read(_dir.Path);

        Assert.Equal(4, metadata.Clips.Count);
        Assert.Equal(["Hip-Hop", "rap"], metadata.Clips[0].Tags.ToArray());
    }

    [Fact]
    public void Random_bytes_instead_of_a_database_are_reported_as_not_a_database()
    {
        MsdFixture.Write(_dir.Path, Tracks);
        var bytes = new byte[8192];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(DatabaseFile, bytes);

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(DatabaseFile, error.File);
        Assert.Null(error.Line);
        Assert.Contains("not an SQLite database", error.Message);
    }

    [Fact]
    public void A_database_without_the_tid_tag_table_is_reported()
    {
        MsdFixture.Write(_dir.Path, Tracks);
        File.Delete(DatabaseFile);
        MsdFixture.WriteDatabaseWithTables(DatabaseFile, "CREATE TABLE tids (tid TEXT)", "CREATE TABLE tags (tag TEXT)");

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(DatabaseFile, error.File);
        Assert.Contains("'tid_tag'", error.Message);
    }

    [Fact]
    public void A_tid_tag_table_without_val_is_reported_naming_the_column()
    {
        MsdFixture.Write(_dir.Path, Tracks);
        File.Delete(DatabaseFile);
        MsdFixture.WriteDatabaseWithTables(DatabaseFile,
            "CREATE TABLE tids (tid TEXT)", "CREATE TABLE tags (tag TEXT)", "CREATE TABLE tid_tag (tid INTEGER, tag INTEGER)");

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(DatabaseFile, error.File);
        Assert.Contains("the table 'tid_tag' has no column 'val'", error.Message);
    }

    [Fact]
    public void A_mapping_line_without_a_tab_is_reported_with_its_line()
    {
        MsdFixture.Write(_dir.Path, Tracks, mappingHeader: true);
        var lines = File.ReadAllLines(PathMapFile).ToList();
        lines.Insert(2, "TRAAAGR128F425B14B audio/A/A/G/TRAAAGR128F425B14B.mp3");
        File.WriteAllLines(PathMapFile, lines);

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(PathMapFile, error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains("tab", error.Message);
    }

    [Fact]
    public void A_duplicate_track_in_the_mapping_is_reported_with_both_lines()
    {
        MsdFixture.Write(_dir.Path, Tracks);
        File.AppendAllText(PathMapFile, "TRAAABD128F429CF47\taudio/elsewhere.mp3\n");

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(PathMapFile, error.File);
        Assert.Equal(5, error.Line);
        Assert.Contains("first on line 2", error.Message);
    }

    [Fact]
    public void An_absolute_audio_path_is_reported()
    {
        MsdFixture.Write(_dir.Path, Tracks);
        File.AppendAllText(PathMapFile, "TRAAAGR128F425B14B\t/music/TRAAAGR128F425B14B.mp3\n");

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(5, error.Line);
    }

    [Theory]
    [InlineData(MsdFixture.DatabaseFile)]
    [InlineData(MsdFixture.PathMapFile)]
    public void A_missing_file_is_reported_by_name(string name)
    {
        MsdFixture.Write(_dir.Path, Tracks);
        File.Delete(_dir.File(name));

        var error = Assert.Throws<MetadataException>(() => Read());

        Assert.Equal(_dir.File(name), error.File);
        Assert.Null(error.Line);
    }

    [Fact]
    public void Audio_paths_lead_to_the_fixture_mp3s()
    {
        MsdFixture.Write(_dir.Path, Tracks.Take(2));
        MsdFixture.WriteAudio(_dir.Path, Tracks.Take(2).Select(t => t.Id));

        var metadata = Read();

        Assert.Equal(2, metadata.Clips.Count);
        foreach (var clip in metadata.Clips)
        {
            var audio = Decoding.Reader.Read(Path.Combine(metadata.AudioRoot, clip.AudioPath));
            Assert.Equal(44_100, audio.SampleRate);
            Assert.InRange(audio.Duration.TotalSeconds, 1.9, 2.2);
        }
    }
}
