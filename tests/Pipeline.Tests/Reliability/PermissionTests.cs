using Pipeline.Host.Cli;
using Pipeline.Streams.Extraction;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// A file the user may not read is reported as unreadable and skipped. Root reads everything, so when the tests run
/// as root the extraction runs as the unprivileged user `nobody` (runuser).
/// </summary>
[Trait("Category", "Reliability")]
public sealed class PermissionTests : IDisposable
{
    private readonly TempDirectory _dir = new("permissions");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_unreadable_file_is_reported_and_the_others_are_extracted()
    {
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        var clips = MtatFixture.Corpus(FaultyCorpus.Vocabulary, 8, seconds: 1.0);
        MtatFixture.Write(source, FaultyCorpus.Vocabulary, clips, seconds: 1.0);
        var locked = Path.Combine(source, clips[2].Path);
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("file permissions are tested on Linux");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var output = _dir.File("out");
        var everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
                       UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_dir.Path, everyone);
        Directory.CreateDirectory(output);
        File.SetUnixFileMode(output, everyone);
        var asUser = Environment.UserName == "root" ? "nobody" : null;

        var (code, _, error) = PipelineProcess.Run(["extract", "--dataset", "mtat", "--source", source, "--out", output, "--audio",
            "-D", "pipeline.dataset.mtat.split=random"], TimeSpan.FromMinutes(3), asUser);

        Assert.True(code == ExitCodes.Success, error);
        var summary = ExtractionSummary.Read(Path.Combine(output, ArchiveFiles.Summary));
        Assert.Equal(7, summary.ClipsOk);
        var failed = File.ReadAllLines(Path.Combine(output, ArchiveFiles.Failed)).Skip(1).Select(l => l.Split('\t')).Single();
        Assert.Equal(locked, failed[0]);
        Assert.StartsWith("unreadable", failed[1]);
    }
}
