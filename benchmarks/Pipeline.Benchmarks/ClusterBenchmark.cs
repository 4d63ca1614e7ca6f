using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pipeline.Tests.Support.Network;

namespace Pipeline.Benchmarks;

/// <summary>
/// Scale-out on separate hosts (network namespaces on one bridge, the nodes pinned to CPU cores with taskset, so that
/// each worker is a machine of one core): `tag` throughput with one worker against two, and what the training data
/// costs on the wire per sample.
/// </summary>
public static class ClusterBenchmark
{
    private const int TagClips = 120;
    private const string Title = "Scale-out: separate hosts, one core per worker";

    public static void Run(Report report, string benchDirectory, string extracted)
    {
        if (Environment.UserName != "root")
        {
            report.Section(Title, "Skipped: separate hosts are network namespaces, which only root can make (`sudo make bench`).");
            return;
        }
        var directory = Path.Combine(benchDirectory, "cluster");
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        var clips = BenchClips.Ensure(Path.Combine(benchDirectory, "clips"), TagClips);
        var certificates = Certificates(directory);
        var run = UntrainedRun.Create(Path.Combine(directory, "run"), tagCount: 50);
        var cores = new NodeCores(Environment.ProcessorCount);

        var one = Tag(directory, certificates, run, clips, cores, workers: 1);
        var two = Tag(directory, certificates, run, clips, cores, workers: 2);
        var wire = TrainingWire(directory, certificates, extracted, cores);

        report.Section(Title, $"""
            `tag` of {clips.Count} MTAT-length MP3 clips (29.1 s at 16 kHz, resampled to 22,050 Hz) with the default 3^9 SampleCNN
            (untrained: throughput does not depend on the weights), over mutual TLS. {cores.Describe()}. Clips/s is the steady
            rate, while the journal went from 10% to 90% of its lines (startup, joining and handing out the model excluded);
            the whole command's time is beside it.

            | workers | clips/s (10%-90%) | whole command, s |
            |---|---|---|
            | 1 | {one.ClipsPerSecond:F2} | {one.Seconds:F1} |
            | 2 | {two.ClipsPerSecond:F2} | {two.Seconds:F1} |

            **Two workers tag {two.ClipsPerSecond / one.ClipsPerSecond:F2}x as fast as one** (target >= 1.7x).

            Training data on the wire: `provider` ({wire.Windows} windows of {wire.WindowSamples} samples, valid split, audio
            decoded by one worker from the files). **{wire.PayloadPerSample:F4} bytes per sample** as the serializer writes the
            results (int16 samples, labels, row and clip ids; target <= 2.02), {wire.LinkPerSample:F4} bytes per sample counted on the worker's
            link (everything the worker's host sent: Ethernet, IP, TCP and TLS framing, Akka's envelopes, heartbeats).
            """);
    }

    private sealed record TagResult(double ClipsPerSecond, double Seconds);

    private sealed record WireResult(long Windows, int WindowSamples, double PayloadPerSample, double LinkPerSample);

    private static TagResult Tag(string directory, string certificates, string run, IReadOnlyList<string> clips, NodeCores cores, int workers)
    {
        var journal = Path.Combine(directory, $"tags-{workers}.jsonl");
        using var cluster = new PipelineCluster(certificates, Path.Combine(directory, $"tag-{workers}"), Settings(workers));
        for (var worker = 0; worker < workers; worker++)
            cluster.StartWorker(cores.Worker(worker));
        var watch = Stopwatch.StartNew();
        using var tag = cluster.RunOn(cores.Coordinator, ["tag", "--run", run, "--output", journal, .. clips]);
        var (from, to) = (TagClips / 10, TagClips * 9 / 10);
        TimeSpan? start = null, end = null;
        while (!tag.HasExited && end is null)
        {
            var lines = File.Exists(journal) ? File.ReadLines(journal).Count() : 0;
            if (start is null && lines >= from)
                start = watch.Elapsed;
            if (lines >= to)
                end = watch.Elapsed;
            Thread.Sleep(100);
        }
        var code = tag.WaitForExit(TimeSpan.FromMinutes(30)).GetAwaiter().GetResult();
        if (code != 0 || start is null || end is null)
            throw new InvalidOperationException($"tag with {workers} worker(s) failed (exit code {code}):\n{tag.Errors}");
        return new TagResult((to - from) / (end.Value - start.Value).TotalSeconds, watch.Elapsed.TotalSeconds);
    }

    private static WireResult TrainingWire(string directory, string certificates, string extracted, NodeCores cores)
    {
        using var cluster = new PipelineCluster(certificates, Path.Combine(directory, "provider"), [.. Settings(1), "-D", "pipeline.training.audio-source=files"]);
        var worker = cluster.StartWorker(cores.Worker(0));
        var sentBefore = LinkReceived(worker.Host);
        using var provider = cluster.RunOn(cores.Coordinator, "provider", "--data", extracted, "--split", "valid", "--json");
        var code = provider.WaitForExit(TimeSpan.FromMinutes(30)).GetAwaiter().GetResult();
        if (code != 0)
            throw new InvalidOperationException($"provider through the cluster failed (exit code {code}):\n{provider.Errors}");
        var sent = LinkReceived(worker.Host) - sentBefore;
        using var json = JsonDocument.Parse(provider.Lines.Single(l => l.StartsWith('{')));
        var result = json.RootElement;
        var windows = result.GetProperty("windows").GetInt64();
        var windowSamples = result.GetProperty("window_samples").GetInt32();
        double samples = windows * windowSamples;
        return new WireResult(windows, windowSamples, result.GetProperty("wire_bytes_received").GetInt64() / samples, sent / samples);
    }

    /// <summary>Every node gets the same settings; torch on one thread, as on a one-core machine.</summary>
    private static string[] Settings(int workers) =>
        ["-D", $"pipeline.cluster.workers={workers}", "-D", "pipeline.training.threads=1", "-D", "pipeline.logging.progress-interval=2s"];

    /// <summary>What the host's side of the bridge received: everything the host sent.</summary>
    private static long LinkReceived(NetworkHost host) =>
        long.Parse(File.ReadAllText($"/sys/class/net/{host.BridgeLink}/statistics/rx_bytes").Trim(), CultureInfo.InvariantCulture);

    private static string Certificates(string directory)
    {
        var folder = Path.Combine(directory, "certificates");
        using var certs = PipelineProgram.Start(["cluster-certs", "--out", folder]);
        certs.WaitForSuccess();
        return folder;
    }

    /// <summary>
    /// Worker i on core i; the coordinator on a core of its own where the machine has one more, else beside worker 0
    /// (it only hands out clips and writes results, in both the one- and the two-worker runs alike).
    /// </summary>
    private sealed record NodeCores(int Count)
    {
        public string Worker(int index) => (index % Count).ToString(CultureInfo.InvariantCulture);

        public string Coordinator => (Count > 2 ? 2 : 0).ToString(CultureInfo.InvariantCulture);

        public string Describe() => Count > 2
            ? $"Workers on cores 0 and 1, the coordinator on core 2 ({Count} cores)"
            : $"Workers on cores 0 and 1, the coordinator beside worker 0 on core 0 (this machine has {Count} cores)";
    }
}
