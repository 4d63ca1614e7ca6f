using System.Globalization;
using System.Text;
using Pipeline.Model.Runs;

namespace Pipeline.Benchmarks;

/// <summary>
/// The headline number of a training system: seconds from the start of training to validation ROC-AUC >= 0.90, on the
/// demo corpus (`synth`, 900 clips, seed 1), for each (recipe, precision) run, back to back: the demo recipe
/// (hocon/demo.conf, the short-chunk CNN on log-mel) in fp32 and in bf16, and the sample-level recipe
/// (hocon/small-samplecnn.conf) in bf16. The same runs give the validation curves the README compares.
/// </summary>
public static class TimeToAccuracyBenchmark
{
    public const double Target = 0.90;

    public sealed record Recipe(string File, string Precision)
    {
        public string Name => $"{Path.GetFileNameWithoutExtension(File)} {Precision}";
    }

    public static void Run(Report report, string benchDirectory, IReadOnlyList<Recipe> recipes)
    {
        var runs = new List<(string Name, IReadOnlyList<MetricsRow> Rows)>();
        foreach (var recipe in recipes)
        {
            if (!File.Exists(recipe.File))
                throw new InvalidOperationException($"{recipe.File} is missing: run the benchmark from the repository root (make bench does)");
            var data = EnsureDemoData(benchDirectory, recipe.File);
            var run = Path.Combine(benchDirectory, $"time-to-accuracy-{Path.GetFileNameWithoutExtension(recipe.File)}-{recipe.Precision}");
            if (Directory.Exists(run))
                Directory.Delete(run, recursive: true);
            InProcessCli.Run(["train", "--data", data, "--out", run, "--config", recipe.File, "-D", $"pipeline.training.precision={recipe.Precision}"]);
            runs.Add((recipe.Name, MetricsLog.Read(Path.Combine(run, "metrics.csv")).ToList()));
        }

        var table = new StringBuilder("| recipe, precision | seconds to valid ROC-AUC >= 0.90 | epochs then | best valid ROC-AUC | epochs in the budget |\n|---|---|---|---|---|\n");
        foreach (var (name, rows) in runs)
        {
            var reached = rows.FirstOrDefault(r => r.ValidRocAuc >= Target);
            table.Append(CultureInfo.InvariantCulture,
                $"| {name} | **{(reached is null ? "not reached" : reached.Seconds.ToString("F0", CultureInfo.InvariantCulture))}** | {reached?.Epoch.ToString(CultureInfo.InvariantCulture) ?? "-"} | {rows.Max(r => r.ValidRocAuc ?? 0):F4} | {rows.Count} |\n");
        }
        report.Section($"Time to accuracy (demo corpus, {Environment.ProcessorCount} CPU cores)", $"""
            {table}
            Validation ROC-AUC after each epoch (seconds since training started):

            {Curves(runs)}
            Each run trains from the same seed within the recipe's time budget; evaluation time counts (training waits for it).
            """);
    }

    private static string Curves(List<(string Name, IReadOnlyList<MetricsRow> Rows)> runs)
    {
        var text = new StringBuilder("| epoch |" + string.Concat(runs.Select(r => $" {r.Name} seconds | {r.Name} valid ROC-AUC |")) + "\n|---|" + string.Concat(runs.Select(_ => "---|---|")) + "\n");
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

    /// <summary>The demo corpus rendered once under the bench folder, and extracted for each recipe (at its sample rate).</summary>
    private static string EnsureDemoData(string benchDirectory, string recipe)
    {
        var corpus = Path.Combine(benchDirectory, "demo-corpus");
        if (!File.Exists(Path.Combine(corpus, "annotations_final.csv")))
            InProcessCli.Run(["synth", "--out", corpus, "--clips", "900", "--seed", "1"]);
        var data = Path.Combine(benchDirectory, $"demo-data-{Path.GetFileNameWithoutExtension(recipe)}");
        InProcessCli.Run(["extract", "--dataset", "mtat", "--source", corpus, "--out", data, "--audio", "--config", recipe]);
        return data;
    }
}
