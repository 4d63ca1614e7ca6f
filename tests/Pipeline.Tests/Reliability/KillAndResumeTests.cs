using Pipeline.Shared.IO;
using Pipeline.Host.Cli;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Runs;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.IO;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// `kill -9` in the middle of extraction and of training, then the same command again: nothing finished is redone,
/// nothing half-written is used, nothing is lost beyond the work since the last checkpoint.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class KillAndResumeTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _dir = new("kill-resume");

    public void Dispose() => _dir.Dispose();

    private static void WaitFor(Func<bool> condition, PipelineProcess process, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the process ended before {what}: {process.WaitForExit(TimeSpan.FromSeconds(1))}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited too long for {what}");
            Thread.Sleep(20);
        }
    }

    [Fact]
    public void Extraction_killed_mid_run_continues_without_decoding_finished_shards_again_or_trusting_a_partial_one()
    {
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        MtatFixture.Write(source, FaultyCorpus.Vocabulary, MtatFixture.Corpus(FaultyCorpus.Vocabulary, 240, 3.0), seconds: 3.0);
        var output = _dir.File("out");
        var cache = Path.Combine(output, ArchiveFiles.AudioFolder);
        string[] extract = ["extract", "--dataset", "mtat", "--source", source, "--out", output, "--audio",
            "-D", "pipeline.extraction.shard-megabytes=1", "-D", "pipeline.provider.decode-parallelism=1"];

        int cachedAtKill;
        using (var first = PipelineProcess.Start(extract))
        {
            WaitFor(() => CacheIndex.Read(cache).Select(e => e.Shard).Distinct().Count() >= 3, first, "three finished shards");
            first.KillHard();
            cachedAtKill = CacheIndex.Read(cache).Count;
        }
        Assert.InRange(cachedAtKill, 1, 239);
        foreach (var shard in CacheIndex.Read(cache).GroupBy(e => e.Shard))
        {
            using var stream = File.OpenRead(Path.Combine(cache, shard.Key));
            var (header, offset) = NpyHeader.Read(stream, shard.Key);
            Assert.Equal(shard.Max(e => e.Offset + e.Length), header.Shape[0]);
            Assert.Equal(offset + header.Shape[0] * 2, stream.Length);
        }

        var (code, _, error) = PipelineProcess.Run(extract, Patience);

        Assert.True(code == ExitCodes.Success, error);
        var summary = ExtractionSummary.Read(Path.Combine(output, ArchiveFiles.Summary));
        Assert.Equal(cachedAtKill, summary.ClipsAlreadyCached);
        Assert.Equal(240, summary.ClipsOk);
        var entries = CacheIndex.Read(cache);
        Assert.Equal(240, entries.Select(e => e.ClipId).Distinct().Count());
        Assert.Equal(240, entries.Count);
        Assert.DoesNotContain(Directory.EnumerateFiles(cache), f => AtomicFile.IsTemporary(f));
        Assert.Equal(entries.Select(e => e.Shard).Distinct().Order(), Directory.EnumerateFiles(cache, "shard-*.npy").Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Training_killed_mid_run_resumes_from_its_last_checkpoint_and_loses_only_the_steps_after_it()
    {
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        MtatFixture.Write(source, FaultyCorpus.Vocabulary, MtatFixture.Corpus(FaultyCorpus.Vocabulary, 48, 2.0), seconds: 2.0);
        var data = _dir.File("data");
        var config = TinyConfig.Config(_dir.File("tiny.conf"),
            "epochs = 6, batch-size = 8, optimizer = adam, learning-rate = 0.003, checkpoint-every-steps = 7, threads = 1", heldOutFraction: 0.2);
        Assert.Equal(ExitCodes.Success, PipelineProcess.Run(["extract", "--dataset", "mtat", "--source", source, "--out", data, "--audio", "--config", config], Patience).Code);
        var run = new RunFolder(_dir.File("run"));
        string[] train = ["train", "--data", data, "--out", run.Root, "--config", config];

        long checkpointed;
        using (var first = PipelineProcess.Start(train))
        {
            WaitFor(() => File.Exists(run.LastCheckpoint) && Info(run) is { Step: >= 30 }, first, "a checkpoint past step 30");
            first.KillHard();
            checkpointed = Info(run)!.Step;
        }
        Assert.DoesNotContain(Directory.EnumerateFiles(run.Checkpoints), f => !AtomicFile.IsTemporary(f) && Info(f) is null);

        var (code, output, error) = PipelineProcess.Run([.. train, "--resume"], Patience);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("completed 6 epochs", output);
        var resumedLog = File.ReadAllText(Directory.EnumerateFiles(run.Logs, "train-*.log").OrderBy(File.GetLastWriteTimeUtc).Last());
        Assert.Matches($@"resumed from {System.Text.RegularExpressions.Regex.Escape(run.LastCheckpoint)}: epoch \d+, step {checkpointed} ", resumedLog);
        var stepsPerEpoch = MetricsLog.Read(run.MetricsCsv).First(r => r.Epoch == 1).Step;
        var final = Info(run)!;
        Assert.Equal(6, final.Epoch);
        Assert.Equal(6 * stepsPerEpoch, final.Step); // as many steps as a run that was never killed
        Assert.DoesNotContain(Directory.EnumerateFiles(run.Checkpoints), f => AtomicFile.IsTemporary(f));
    }

    private static CheckpointInfo? Info(RunFolder run) => Info(run.LastCheckpoint);

    private static CheckpointInfo? Info(string file)
    {
        try
        {
            return CheckpointFile.ReadInfo(file);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return null;
        }
    }
}
