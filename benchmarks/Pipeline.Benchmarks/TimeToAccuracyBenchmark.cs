using System.Globalization;
using System.Text;
using Pipeline.Model.Runs;

namespace Pipeline.Benchmarks;

/// <summary>
/// The headline number of a training system: seconds from the start of training to validation ROC-AUC >= 0.90, on the
/// demo corpus (`synth`, 900 clips, seed 1) with the demo recipe (hocon/demo.conf), once in fp32 and once in bf16,
/// back to back. The same two runs give the validation curves the README compares (bf16's best within 0.005 of fp32's).
/// </summary>
public static class TimeToAccuracyBenchmark
{
    public const double Target = 0.90;

    public static void Run(Report report, string benchDirectory, string recipe, IReadOnlyList<string> precisions)
    {
        if (!File.Exists(recipe))
            throw new InvalidOperationException($"{recipe} is missing: run the benchmark from the repository root (make bench does)");
        var data = EnsureDemoData(benchDirectory, recipe);
        var runs = new List<(string Precision, IReadOnlyList<MetricsRow> Rows)>();
        foreach (var precision in precisions)
        {
            var run = Path.Combine(benchDirectory, $"time-to-accuracy-{precision}");
            if (Directory.Exists(run))
                Directory.Delete(run, recursive: true);
            InProcessCli.Run(["train", "--data", data, "--out", run, "--config", recipe, "-D", $"pipeline.training.precision={precision}"]);
            runs.Add((precision, MetricsLog.Read(Path.Combine(run, "metrics.csv")).ToList()));
        }

        var table = new StringBuilder("| precision | seconds to valid ROC-AUC >= 0.90 | epochs then | best valid ROC-AUC | epochs in the budget |\n|---|---|---|---|---|\n");
        foreach (var (precision, rows) in runs)
        {
            var reached = rows.FirstOrDefault(r => r.ValidRocAuc >= Target);
            table.Append(CultureInfo.InvariantCulture,
                $"| {precision} | **{(reached is null ? "not reached" : reached.Seconds.ToString("F0", CultureInfo.InvariantCulture))}** | {reached?.Epoch.ToString(CultureInfo.InvariantCulture) ?? "-"} | {rows.Max(r => r.ValidRocAuc ?? 0):F4} | {rows.Count} |\n");
        }
        report.Section($"Time to accuracy (demo corpus, {Path.GetFileName(recipe)}, {Environment.ProcessorCount} CPU cores)", $"""
            {table}
            Validation ROC-AUC after each epoch (seconds since training started):

            {Curves(runs)}
            Each run trains from the same seed within the recipe's time budget; evaluation time counts (training waits for it).
            """);
    }

    private static string Curves(List<(string Precision, IReadOnlyList<MetricsRow> Rows)> runs)
    {
        var text = new StringBuilder("| epoch |" + string.Concat(runs.Select(r => $" {r.Precision} seconds | {r.Precision} valid ROC-AUC |")) + "\n|---|" + string.Concat(runs.Select(_ => "---|---|")) + "\n");
        var epochs = runs.SelectMany(r => r.Rows.Select(row => row.Epoch)).Distinct().Order();
        foreach (var epoch in epochs)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {epoch} |");
            foreach (var (_, rows) in runs)
            {
                var row = rows.LastOrDefault(r => r.Epoch == epoch);
                text.Append(row is null ? " | |" : string.Create(CultureInfo.InvariantCulture, $" {row.Seconds:F0} | {row.ValidRocAuc:F4} |"));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The demo corpus rendered and extracted once under the bench folder, as `make demo` does.</summary>
    private static string EnsureDemoData(string benchDirectory, string recipe)
    {
        var corpus = Path.Combine(benchDirectory, "demo-corpus");
        if (!File.Exists(Path.Combine(corpus, "annotations_final.csv")))
            InProcessCli.Run(["synth", "--out", corpus, "--clips", "900", "--seed", "1"]);
        var data = Path.Combine(benchDirectory, "demo-data");
        InProcessCli.Run(["extract", "--dataset", "mtat", "--source", corpus, "--out", data, "--audio", "--config", recipe]);
        return data;
    }
}
