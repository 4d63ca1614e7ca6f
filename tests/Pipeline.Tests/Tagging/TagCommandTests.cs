using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>`tag` over files and folders as a user runs it: one line per file, bad files reported, resumable output.</summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class TagCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new("tag-command");
    private readonly string _run;

    public TagCommandTests()
    {
        _run = TinyRun.Create(_dir.File("run")).Root;
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Output, string Error) Tag(params string[] args) =>
        CliRunner.Run(["tag", "--run", _run, .. args, "-D", "pipeline.logging.directory=" + _dir.File("logs")]);

    private static List<JsonElement> Lines(string journal) =>
        File.ReadLines(journal).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    [Fact]
    public void Every_file_of_a_folder_tree_gets_one_line_bad_ones_an_error_and_a_second_run_tags_nothing_again()
    {
        var music = MusicFolder.Create(_dir.File("music"));
        var journal = _dir.File("out/tags.jsonl");

        var first = Tag(music.Root, "--recursive", "--output", journal);

        Assert.True(first.Code == ExitCodes.Success, first.Error);
        Assert.Equal("", first.Output);
        var lines = Lines(journal);
        Assert.Equal(music.Good.Count + music.Bad.Count, lines.Count);
        foreach (var good in music.Good)
        {
            var line = Assert.Single(lines, l => l.GetProperty("file").GetString() == good);
            Assert.False(line.TryGetProperty("error", out _));
            Assert.Equal(TinyRun.Tags.Length, line.GetProperty("tags").GetArrayLength());
        }
        foreach (var bad in music.Bad)
        {
            var line = Assert.Single(lines, l => l.GetProperty("file").GetString() == bad);
            Assert.Contains(Path.GetFileName(bad) == "empty.mp3" ? "empty file" : "not audio", line.GetProperty("error").GetString());
            Assert.Single(first.Error.Split('\n'), l => l.StartsWith($"error: {bad}: "));
        }
        // A file shorter than one window is one zero-padded window.
        Assert.Equal(1, Assert.Single(lines, l => Path.GetFileName(l.GetProperty("file").GetString()) == "short.wav").GetProperty("windows").GetInt32());
        Assert.Contains($"tag: {music.Good.Count} tagged, 0 skipped as done", first.Error);
        Assert.Contains($", {music.Bad.Count} failed", first.Error);

        var second = Tag(music.Root, "--recursive", "--output", journal);

        Assert.True(second.Code == ExitCodes.Success, second.Error);
        Assert.Contains($"tag: 0 tagged, {music.Good.Count + music.Bad.Count} skipped as done", second.Error);
        Assert.Equal(lines.Count, Lines(journal).Count);
    }

    [Fact]
    public void Without_recursive_only_the_top_folder_is_read_and_a_folder_named_like_a_file_is_a_folder()
    {
        var music = MusicFolder.Create(_dir.File("music"));

        var (code, output, error) = Tag(music.Root, "--json");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var tagged = json.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file").GetString()).ToHashSet();
        Assert.Equal(music.TopLevel.ToHashSet(), tagged);
        var failed = json.RootElement.GetProperty("errors").EnumerateArray().Select(f => f.GetProperty("file").GetString()).ToList();
        Assert.Equal([Path.Combine(music.Root, "empty.mp3")], failed);
    }

    [Fact]
    public void A_line_cut_off_by_a_crash_is_dropped_and_its_file_tagged_again()
    {
        var music = MusicFolder.Create(_dir.File("music"));
        var journal = _dir.File("tags.jsonl");
        Assert.Equal(ExitCodes.Success, Tag(music.TopLevel[0], "--output", journal).Code);
        var whole = File.ReadAllText(journal);
        File.AppendAllText(journal, $"{{\"file\":\"{music.TopLevel[1]}\",\"seconds\":1.5,\"wind");

        var (code, _, error) = Tag(music.Root, "--output", journal);

        Assert.True(code == ExitCodes.Success, error);
        Assert.StartsWith(whole, File.ReadAllText(journal));
        var files = Lines(journal).Select(l => l.GetProperty("file").GetString()).ToList();
        Assert.Equal(files.Distinct().Count(), files.Count);
        Assert.Contains(music.TopLevel[1], files);
        Assert.Contains("1 skipped as done", error);
    }

    [Fact]
    public void When_no_file_can_be_read_the_exit_code_says_so()
    {
        var noise = _dir.File("noise.mp3");
        File.WriteAllBytes(noise, MusicFolder.RandomBytes(10_000, seed: 1));

        var (code, _, error) = Tag(noise, _dir.File("missing.wav"));

        Assert.Equal(ExitCodes.RuntimeFailure, code);
        Assert.Contains($"error: {_dir.File("missing.wav")}: missing", error);
        Assert.Contains("none of the 2 files could be read", error);
    }

    [Fact]
    public void Paths_without_audio_are_a_usage_error()
    {
        Directory.CreateDirectory(_dir.File("empty"));

        var (code, _, error) = Tag(_dir.File("empty"));

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains("no audio files in", error);
    }
}
