using Pipeline.Host.Cli;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Extraction;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Extraction;

/// <summary>
/// An MTAT-format corpus of full-length clips shaped like the real ones (the first real clip tried was rejected by
/// the extraction of earlier versions): every clip extracts, and a clip cut at a random byte, which holds no Info
/// frame to say so, is still found truncated by the range its name states.
/// </summary>
[Collection(GlobalLoggerCollection.Name)]
public sealed class RealShapedCorpusTests : IDisposable
{
    private static readonly string[] Vocabulary = ["guitar", "piano", "drums", "violin"];
    private readonly TempDirectory _dir = new("real-shaped-corpus");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Full_length_real_shaped_mtat_clips_extract_without_a_failure_and_a_clip_cut_short_is_reported_truncated()
    {
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        var clips = MtatFixture.Corpus(Vocabulary, 12, seconds: 29.02);
        MtatFixture.Write(source, Vocabulary, clips, seconds: 29.02);
        var cut = clips[5];
        var bytes = File.ReadAllBytes(Path.Combine(source, cut.Path));
        File.WriteAllBytes(Path.Combine(source, cut.Path), bytes[..(bytes.Length * 2 / 5 + 61)]);
        var output = _dir.File("out");

        var (code, _, error) = CliRunner.Run("extract", "--dataset", "mtat", "--source", source, "--out", output, "--audio",
            "-D", "pipeline.dataset.mtat.split=random");

        Assert.True(code == ExitCodes.Success, error);
        var summary = ExtractionSummary.Read(Path.Combine(output, ArchiveFiles.Summary));
        Assert.Equal(11, summary.ClipsOk);
        Assert.Equal(1, summary.ClipsFailed);
        var failed = File.ReadAllLines(Path.Combine(output, ArchiveFiles.Failed)).Skip(1).Single();
        Assert.Contains(cut.Path, failed);
        Assert.Matches(@"\ttruncated: decoded 1\d\.\d\d s, but the MagnaTagATune clip name's range states 29 s\t", failed);
        using var cache = AudioCache.Open(Path.Combine(output, ArchiveFiles.AudioFolder));
        // 465,984 samples at 16 kHz (the real clips' 809 frames), resampled to 22,050 Hz.
        Assert.All(clips.Where(c => c != cut), c => Assert.InRange(cache.SamplesOf(c.Id).Length, 642_180, 642_188));
    }
}
