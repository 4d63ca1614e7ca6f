using System.Text.Json;
using Pipeline.Host.Cli;
using Pipeline.Model.Checkpoints;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;
using Pipeline.Tests.Support.Network;
using Pipeline.Tests.Tagging;

namespace Pipeline.Tests.Cluster.Hosts;

/// <summary>
/// The cluster under faults, on separate hosts: while a job runs, one worker is killed (kill -9), another is cut off
/// for 20 s (its link down, then up) and a third starts. Every good file is tagged exactly once and every bad one
/// reported once; every clip is cached once; every window of every training epoch is trained on once. Root only and
/// slow: `make test-cluster`.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(SeparateHostsCollection.Name)]
public sealed class ClusterFaultTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);
    private readonly TempDirectory _dir = new("cluster-faults");

    public void Dispose() => _dir.Dispose();

    private static string[] Settings(params string[] more) =>
        [.. TinyRun.Overrides.SelectMany(o => new[] { "-D", o }), "-D", "pipeline.cluster.workers=2", "-D", "pipeline.cluster.items-in-flight=2",
            "-D", "pipeline.training.threads=1", "-D", "pipeline.provider.decode-parallelism=1", .. more];

    private PipelineCluster Cluster(params string[] settings) =>
        new(CertificateFolders.Make(_dir, "certificates"), _dir.Path, Settings(settings));

    /// <summary>
    /// The faults, as the job passes 15% and 30% of its clips, each while the job still runs: the coordinator must see
    /// the killed worker and the cut-off one go. Returns the host of the worker started mid-run.
    /// </summary>
    private static async Task<NetworkHost> Faults(PipelineCluster cluster, NamespaceProcess job, NamespaceProcess killed, NamespaceProcess cut, int clips)
    {
        await PipelineCluster.WhenDone(job, clips * 15 / 100, Limit);
        killed.Kill();
        var third = cluster.StartWorker();
        await PipelineCluster.WhenLogged(job, Limit, $"@{killed.Host.Address}:", "is unreachable");
        await PipelineCluster.WhenDone(job, clips * 30 / 100, Limit);
        Assert.False(job.HasExited, "the job was over before its worker was cut off");
        var cutOff = cluster.Network.CutOffFor(cut.Host, TimeSpan.FromSeconds(20));
        await PipelineCluster.WhenLogged(job, Limit, $"@{cut.Host.Address}:", "is unreachable");
        await cutOff;
        return third.Host;
    }

    /// <summary>The job's exit once the faults are over; the worker started mid-run must have done some of its clips.</summary>
    private static async Task Finished(PipelineCluster cluster, NamespaceProcess job, Task<NetworkHost> faults)
    {
        var third = await faults;
        var code = await job.WaitForExit(Limit);
        Assert.True(code == ExitCodes.Success, $"exit code {code}; every node's stderr:\n{cluster.Logs()}");
        Assert.True(PipelineCluster.DoneBy(job, third) > 0, $"the worker started mid-run did no clips; every node's stderr:\n{cluster.Logs()}");
    }

    [Fact]
    public async Task Tagging_300_files_through_faults_gives_every_good_file_one_line_and_every_bad_one_one_error()
    {
        var library = _dir.File("library");
        Directory.CreateDirectory(library);
        var good = Enumerable.Range(0, 300).Select(i =>
        {
            var path = Path.Combine(library, $"track-{i:000}.wav");
            WavWriter.Write(path, [.. Enumerable.Range(0, 16_000 * 8).Select(s => 0.3f * MathF.Sin(s * (0.02f + i * 1e-4f)))], 16_000, 1);
            return path;
        }).ToList();
        string[] bad = [Path.Combine(library, "empty.mp3"), Path.Combine(library, "noise.mp3"), Path.Combine(library, "text.wav")];
        File.WriteAllBytes(bad[0], []);
        File.WriteAllBytes(bad[1], MusicFolder.RandomBytes(30_000, seed: 5));
        File.WriteAllText(bad[2], "not audio");
        var run = TinyRun.Create(_dir.File("run")).Root;
        var journal = _dir.File("tags.jsonl");
        using var cluster = Cluster();
        var (a, b) = (cluster.StartWorker(), cluster.StartWorker());

        var tag = cluster.Run("tag", "--run", run, library, "--output", journal, "-D", "pipeline.training.evaluation-batch-size=8");
        await Finished(cluster, tag, Faults(cluster, tag, a, b, 303));

        var lines = File.ReadAllLines(journal).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var files = lines.Select(l => l.GetProperty("file").GetString()!).ToList();
        Assert.Equal(files.Distinct().Count(), files.Count);
        Assert.Equal(good.Concat(bad).Order(), files.Order());
        Assert.Equal(bad.Order(), lines.Where(l => l.TryGetProperty("error", out _)).Select(l => l.GetProperty("file").GetString()!).Order());
    }

    /// <summary>
    /// An MTAT-shaped corpus of 300 clips of <paramref name="seconds"/> (each a copy of one of 50 encoded tones), 3 of them
    /// bad (ids 42, 82, 122).
    /// </summary>
    private string Corpus(double seconds = 3.0)
    {
        var source = _dir.File("mtat");
        Directory.CreateDirectory(source);
        var clips = MtatFixture.Corpus(FaultyCorpus.Vocabulary, 300, seconds).ToList();
        clips[10] = clips[10] with { Audio = FixtureAudio.Empty };
        clips[20] = clips[20] with { Audio = FixtureAudio.Garbage };
        clips[30] = clips[30] with { Audio = FixtureAudio.Garbage };
        MtatFixture.Write(source, FaultyCorpus.Vocabulary, clips, seconds);
        return source;
    }

    [Fact]
    public async Task Extracting_through_faults_caches_every_good_clip_once_and_reports_every_bad_one_once()
    {
        // MTAT-length clips: 3 s ones extracted in 1.4 s, before a killed worker could even be seen gone.
        var source = Corpus(seconds: 29.1);
        var data = _dir.File("data");
        using var cluster = Cluster("-D", "pipeline.audio.sample-rate=8000");
        var (a, b) = (cluster.StartWorker(), cluster.StartWorker());

        var extract = cluster.Run("extract", "--dataset", "mtat", "--source", source, "--out", data, "--audio");
        await Finished(cluster, extract, Faults(cluster, extract, a, b, 300));

        var cached = File.ReadAllLines(Path.Combine(data, "audio", "index.tsv")).Skip(1).Select(l => l.Split('\t')[0]).ToList();
        var failed = File.ReadAllLines(Path.Combine(data, "failed.tsv")).Skip(1).Select(l => l.Split('\t')[^1]).ToList();
        var listed = new[] { "train.tsv", "valid.tsv", "test.tsv" }.SelectMany(f => File.ReadAllLines(Path.Combine(data, f)).Skip(1)).Count();
        Assert.Equal(cached.Distinct().Count(), cached.Count);
        Assert.Equal(3, failed.Count);
        Assert.Equal(3, failed.Distinct().Count());
        Assert.Equal(listed, cached.Count + failed.Count);
        Assert.Empty(cached.Intersect(failed));
    }

    [Fact]
    public async Task Training_two_epochs_through_faults_trains_on_every_window_of_each_epoch_once()
    {
        var source = Corpus();
        var data = _dir.File("data");
        var (extracted, _, extractError) = CliRunner.Run("extract", "--dataset", "mtat", "--source", source, "--out", data, "-D",
            $"pipeline.logging.directory={_dir.File("logs")}");
        Assert.True(extracted == ExitCodes.Success, extractError);
        var trainClips = File.ReadAllLines(Path.Combine(data, "train.tsv")).Length - 1 - 2; // two of the bad clips are in training folders
        using var cluster = Cluster("-D", "pipeline.audio.sample-rate=8000", "-D", "pipeline.training.batch-size=16",
            "-D", "pipeline.training.epochs=2", "-D", "pipeline.training.checkpoint-every-steps=0");
        var (a, b) = (cluster.StartWorker(), cluster.StartWorker());

        var train = cluster.Run("train", "--data", data, "--out", _dir.File("run"), "-D", "pipeline.training.audio-source=files");
        await Finished(cluster, train, Faults(cluster, train, a, b, trainClips));

        // Every clip decodes to the same length (copies of tones of one length): its windows at 8 kHz, as this node cuts
        // them. An epoch of W windows is W / 16 batches, its last one holding the rest (or 17 when one would be alone).
        var clip = File.ReadAllLines(Path.Combine(data, "train.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Where(row => row[0] is not ("42" or "82" or "122")).Select(row => Path.Combine(source, row[1])).First();
        using var reader = Pipeline.Streams.Audio.ClipAudioReader.Open(Decoding.Reader, clip, null, 8_000, Decoding.Settings.ResampleQuality);
        var windows = trainClips * (reader.Read(int.MaxValue).Length / 729);
        var steps = windows % 16 == 1 ? windows / 16 : (windows + 15) / 16;
        var last = CheckpointFile.ReadInfo(Path.Combine(_dir.File("run"), "checkpoints", "last.ckpt"));
        Assert.Equal((2, 2L * steps), (last.Epoch, last.Step));
    }
}
