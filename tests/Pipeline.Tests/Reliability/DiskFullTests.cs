using Pipeline.Shared.IO;
using System.Diagnostics;
using Pipeline.Host.Cli;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Extraction;
using Pipeline.Streams.IO;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;
using Pipeline.Tests.Training;
using static TorchSharp.torch;

namespace Pipeline.Tests.Reliability;

/// <summary>
/// A full disk while writing a shard or a checkpoint: a clear error, and what was there before stays intact. The
/// disk is a small tmpfs where mounting is permitted; elsewhere the temporary file is pointed at /dev/full, which
/// fails writes with the same ENOSPC.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(GlobalLoggerCollection.Name)]
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDirectory _dir = new("disk-full");
    private readonly string? _mount;

    public DiskFullTests()
    {
        var mount = _dir.File("small-disk");
        Directory.CreateDirectory(mount);
        using var process = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mount]) { RedirectStandardError = true })!;
        process.WaitForExit();
        _mount = process.ExitCode == 0 ? mount : null;
    }

    public void Dispose()
    {
        if (_mount is not null)
            Process.Start("umount", [_mount])!.WaitForExit();
        _dir.Dispose();
    }

    [Fact]
    public void Extraction_onto_a_full_disk_fails_clearly_and_leaves_no_partial_shard()
    {
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        MtatFixture.Write(source, FaultyCorpus.Vocabulary, MtatFixture.Corpus(FaultyCorpus.Vocabulary, 40, 3.0), seconds: 3.0);
        if (_mount is null)
        {
            CacheWriterOntoDevFull();
            return;
        }
        var output = Path.Combine(_mount, "out");

        var (code, _, error) = CliRunner.Run("extract", "--dataset", "mtat", "--source", source, "--out", output, "--audio",
            "-D", "pipeline.extraction.shard-megabytes=1");

        Assert.Equal(ExitCodes.RuntimeFailure, code);
        Assert.Contains("No space left on device", error);
        var cache = Path.Combine(output, ArchiveFiles.AudioFolder);
        var indexed = CacheIndex.Read(cache);
        foreach (var shard in Directory.EnumerateFiles(cache, "shard-*.npy").Where(f => !AtomicFile.IsTemporary(f)))
        {
            using var stream = File.OpenRead(shard);
            var (header, offset) = NpyHeader.Read(stream, shard);
            Assert.Equal(offset + header.Shape[0] * 2, stream.Length);
            Assert.Contains(indexed, e => e.Shard == Path.GetFileName(shard));
        }
    }

    [Fact]
    public void A_checkpoint_that_does_not_fit_fails_clearly_and_the_previous_one_stays_intact()
    {
        var model = TrainingTests.SmallCnn;
        using var session = new TrainingSession(model, TrainingTests.Settings(1), model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        var folder = _mount ?? _dir.File("checkpoints");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "last.ckpt");
        session.SaveLast(path, "hash", 8_000);
        var before = File.ReadAllBytes(path);
        if (_mount is not null)
            FillDisk(_mount);
        else
            File.CreateSymbolicLink(AtomicFile.TemporaryPathFor(path), "/dev/full");

        var error = Assert.ThrowsAny<IOException>(() => session.SaveLast(path, "hash", 8_000));

        Assert.Contains("No space left on device", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        using var reloaded = new TrainingSession(model, TrainingTests.Settings(1), model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        Assert.Equal(0, reloaded.Resume(path).Step);
    }

    private static void FillDisk(string mount)
    {
        using var filler = new FileStream(Path.Combine(mount, "filler"), FileMode.Create);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
                filler.Write(block);
        }
        catch (IOException)
        {
            // full
        }
    }

    /// <summary>Without a small disk: the cache writer's next shard goes to /dev/full once two shards are finished.</summary>
    private void CacheWriterOntoDevFull()
    {
        var cache = _dir.File("cache");
        using var writer = AudioCacheWriter.Open(cache, 8_000, shardBytes: 100_000);
        var clip = new float[40_000];
        for (var i = 0; i < 4; i++)
            writer.Append($"clip-{i}", clip); // two clips fill a shard: shards 0 and 1
        File.CreateSymbolicLink(AtomicFile.TemporaryPathFor(Path.Combine(cache, "shard-00002.npy")), "/dev/full");

        var error = Assert.ThrowsAny<IOException>(() =>
        {
            for (var i = 4; i < 8; i++)
                writer.Append($"clip-{i}", clip);
            writer.Complete();
        });

        Assert.Contains("No space left on device", error.Message);
        Assert.Equal(4, CacheIndex.Read(cache).Count);
        Assert.False(File.Exists(Path.Combine(cache, "shard-00002.npy")));
    }
}
