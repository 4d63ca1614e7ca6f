using System.Text.Json;

namespace Pipeline.Benchmarks;

/// <summary>
/// Provider throughput through the cluster: the `provider` command as trainer node with 1, 2 and 3 `worker`
/// processes on loopback decoding MP3s, against the single-process provider over the same clips.
/// </summary>
public static class ClusterBenchmark
{
    public static void Run(Report report, string extracted)
    {
        string[] common = ["--data", extracted, "--json", "-D", "pipeline.training.audio-source=files"];
        var single = Provider([.. common]);
        var rows = new List<string> { Row("one process (no cluster)", single) };
        foreach (var workers in new[] { 1, 2, 3 })
        {
            string[] cluster = [.. common, "-D", "pipeline.cluster.enabled=on", "-D", $"pipeline.cluster.workers={workers}"];
            using var trainer = PipelineProgram.Start(["provider", .. cluster]);
            var started = Enumerable.Range(0, workers).Select(_ => PipelineProgram.Start(["worker", .. cluster.Where(a => a != "--json")])).ToList();
            try
            {
                rows.Add(Row($"trainer + {workers} worker process{(workers > 1 ? "es" : "")}", trainer.ReadJson()));
            }
            finally
            {
                foreach (var worker in started)
                {
                    worker.Kill();
                    worker.Dispose();
                }
            }
        }

        report.Section($"Scale-out: provider throughput with worker processes ({Environment.ProcessorCount} cores, loopback)", $"""
            One epoch of one random 59,049-sample window per clip from MP3 files (decode + resample + segment on the workers,
            shuffle + batch on the trainer node), into a null consumer.

            | setup | windows | seconds | windows/s |
            |---|---|---|---|
            {string.Join("\n", rows)}

            On this machine every process shares the same {Environment.ProcessorCount} cores, so more workers cannot decode faster: they
            add serialization of the windows, loopback transfer and one more runtime per process. The cluster pays off when
            workers run on other machines, each adding its cores; what this table shows is the cost of the network hop and
            that throughput holds steady as workers are added rather than scaling.
            """);
    }

    private static string Row(string name, JsonElement result) =>
        $"| {name} | {result.GetProperty("windows").GetInt64()} | {result.GetProperty("seconds").GetDouble():F1} | **{result.GetProperty("windows_per_second").GetDouble():F0}** |";

    private static JsonElement Provider(string[] args)
    {
        using var provider = PipelineProgram.Start(["provider", .. args]);
        return provider.ReadJson();
    }
}
