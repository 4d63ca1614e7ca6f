using Pipeline.Host.Cli;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Reliability;

/// <summary>Broken metadata stops extraction with exit code 2, naming the file and line, before anything is written.</summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class MetadataFaultTests : IDisposable
{
    private readonly TempDirectory _dir = new("metadata-faults");

    public void Dispose() => _dir.Dispose();

    private string Source(string name)
    {
        var path = _dir.File(name);
        Directory.CreateDirectory(path);
        return path;
    }

    private void AssertRejected(string dataset, string source, string expectedFileAndLine, string expectedProblem)
    {
        var output = _dir.File($"out-{Guid.NewGuid():N}");

        var (code, _, error) = CliRunner.Run("extract", "--dataset", dataset, "--source", source, "--out", output);

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains(expectedFileAndLine, error);
        Assert.Contains(expectedProblem, error);
        var written = Directory.Exists(output) ? Directory.EnumerateFiles(output).ToList() : [];
        Assert.Empty(written);
    }

    private static void Annotations(string source, params string[] lines) =>
        File.WriteAllText(Path.Combine(source, "annotations_final.csv"), string.Join("\n", lines) + "\n");

    [Fact]
    public void A_missing_mp3_path_column() =>
        AssertRejected("mtat", WithAnnotations("\"clip_id\"\t\"guitar\"", "\"2\"\t\"1\""), "annotations_final.csv:1", "no 'mp3_path' column");

    [Fact]
    public void A_row_with_fewer_fields() =>
        AssertRejected("mtat", WithAnnotations("\"clip_id\"\t\"guitar\"\t\"mp3_path\"", "\"2\"\t\"1\"\t\"0/a.mp3\"", "\"6\"\t\"0/b.mp3\""),
            "annotations_final.csv:3", "expected 3 fields");

    [Fact]
    public void Duplicate_clip_ids() =>
        AssertRejected("mtat", WithAnnotations("\"clip_id\"\t\"guitar\"\t\"mp3_path\"", "\"2\"\t\"1\"\t\"0/a.mp3\"", "\"2\"\t\"1\"\t\"0/b.mp3\""),
            "annotations_final.csv:3", "duplicate clip_id '2'");

    [Fact]
    public void An_sqlite_file_that_is_not_a_database()
    {
        var source = Source("msd");
        var noise = new byte[8_192];
        new Random(3).NextBytes(noise);
        File.WriteAllBytes(Path.Combine(source, "lastfm_tags.db"), noise);
        File.WriteAllText(Path.Combine(source, "msd_paths.tsv"), "TRAAAAW128F429D538\taudio/a.mp3\n");

        AssertRejected("msd", source, "lastfm_tags.db", "not");
    }

    [Fact]
    public void An_fma_tracks_file_with_a_header_row_missing()
    {
        var source = Source("fma");
        FmaFixture.Write(source, [new FmaTrack(2, "small", "training", [21], [21], "Hip-Hop")], dropHeaderRow: FmaHeaderRow.Fields);

        AssertRejected("fma", source, "tracks.csv:", "header");
    }

    private string WithAnnotations(params string[] lines)
    {
        var source = Source($"mtat-{Guid.NewGuid():N}");
        Annotations(source, lines);
        return source;
    }
}
