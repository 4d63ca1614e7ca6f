using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Mtat;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Datasets;

public sealed class MtatReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("mtat-reader");
    private readonly MtatReader _reader = new(TestSettings.Defaults.Dataset.Mtat);

    public void Dispose() => _dir.Dispose();

    private void Annotations(params string[] lines) =>
        File.WriteAllText(_dir.File("annotations_final.csv"), string.Join("\n", lines) + "\n");

    [Fact]
    public void Columns_are_found_by_name_and_quotes_removed()
    {
        Annotations(
            "\"mp3_path\"\t\"guitar\"\t\"clip_id\"\t\"female vocal\"",
            "\"f/l'artiste-café-01-naïve \"\"song\"\"-0-29.mp3\"\t\"1\"\t\"2\"\t\"0\"",
            "\"c/b-a-02-x-30-59.mp3\"\t\"1\"\t\"6\"\t\"1\"");

        var dataset = _reader.Read(_dir.Path);

        Assert.Equal(["guitar", "female vocal"], dataset.Vocabulary);
        Assert.Equal(2, dataset.Clips.Count);
        Assert.Equal("2", dataset.Clips[0].Id);
        Assert.Equal("f/l'artiste-café-01-naïve \"song\"-0-29.mp3", dataset.Clips[0].AudioPath);
        Assert.Equal(["guitar"], dataset.Clips[0].Tags.ToArray());
        Assert.Equal(Split.Test, dataset.Clips[0].PublishedSplit);
        Assert.Equal(["guitar", "female vocal"], dataset.Clips[1].Tags.ToArray());
        Assert.Equal(Split.Valid, dataset.Clips[1].PublishedSplit);
    }

    [Fact]
    public void A_missing_mp3_path_column_names_the_file_and_line()
    {
        Annotations("\"clip_id\"\t\"guitar\"", "\"2\"\t\"1\"");

        var error = Assert.Throws<MetadataException>(() => _reader.Read(_dir.Path));

        Assert.Equal(1, error.Line);
        Assert.Contains("annotations_final.csv:1", error.Message);
        Assert.Contains("mp3_path", error.Message);
    }

    [Fact]
    public void A_row_with_fewer_fields_names_its_line()
    {
        Annotations("\"clip_id\"\t\"guitar\"\t\"mp3_path\"", "\"2\"\t\"1\"\t\"0/a.mp3\"", "\"6\"\t\"0/b.mp3\"");

        var error = Assert.Throws<MetadataException>(() => _reader.Read(_dir.Path));

        Assert.Equal(3, error.Line);
        Assert.Contains("expected 3 fields", error.Message);
    }

    [Fact]
    public void Duplicate_clip_ids_are_rejected()
    {
        Annotations("\"clip_id\"\t\"guitar\"\t\"mp3_path\"", "\"2\"\t\"1\"\t\"0/a.mp3\"", "\"2\"\t\"0\"\t\"0/b.mp3\"");

        var error = Assert.Throws<MetadataException>(() => _reader.Read(_dir.Path));

        Assert.Equal(3, error.Line);
        Assert.Contains("duplicate clip_id '2' (first on line 2)", error.Message);
    }

    [Fact]
    public void A_tag_value_other_than_0_or_1_is_rejected()
    {
        Annotations("\"clip_id\"\t\"guitar\"\t\"mp3_path\"", "\"2\"\t\"yes\"\t\"0/a.mp3\"");

        var error = Assert.Throws<MetadataException>(() => _reader.Read(_dir.Path));

        Assert.Contains("tag 'guitar' of clip 2 is 'yes'", error.Message);
    }
}
