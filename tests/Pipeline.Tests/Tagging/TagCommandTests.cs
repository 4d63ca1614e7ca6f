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

    [Fact]
    public void Smoke()
    {
        var a = AudioFixtures.MtatMp3(_dir.File("a.mp3"), seconds: 3);
        var (code, output, error) = Tag(a, "--json", "--over-time");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Console.WriteLine(output);
        Console.WriteLine(error);
    }
}
