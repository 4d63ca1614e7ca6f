using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>
/// With --json, stdout carries the JSON document and nothing else (logs, progress, libtorch's and Akka's own output go
/// to stderr), so it can be piped: checked on a real process, whose stdout everything in it could write to.
/// </summary>
public sealed class JsonStdoutTests : IDisposable
{
    private readonly TempDirectory _dir = new("tag-json-stdout");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tag_json_prints_nothing_but_one_json_document_on_stdout()
    {
        var run = TinyRun.Create(_dir.File("run")).Root;
        var good = AudioFixtures.MtatMp3(_dir.File("good.mp3"), seconds: 1.5);
        var bad = _dir.File("bad.mp3");
        File.WriteAllBytes(bad, MusicFolder.RandomBytes(5_000, seed: 4));

        var (code, stdout, stderr) = PipelineProcess.Run(["tag", "--run", run, good, bad, "--json", "--over-time",
            "-D", "pipeline.logging.directory=" + _dir.File("logs")], TimeSpan.FromMinutes(3));

        Assert.True(code == ExitCodes.Success, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(good, Assert.Single(json.RootElement.GetProperty("files").EnumerateArray()).GetProperty("file").GetString());
        Assert.Equal(bad, Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray()).GetProperty("file").GetString());
        Assert.Contains("tag: 1 tagged, 0 skipped as done, 1 failed", stderr);
    }
}
