using Pipeline.Shared.IO;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Model.Metrics;

namespace Pipeline.Model.Evaluation;

/// <summary>
/// reports/&lt;split&gt;-metrics.json (roc_auc_macro, pr_auc_macro, loss, clips, per_tag), the same per-tag table
/// in Markdown, for people and for scripts, and reports/&lt;split&gt;-predictions.tsv: every clip's scores, as `tag`
/// gives them for its file.
/// </summary>
public static class EvaluationReportFiles
{
    public static (string Json, string Markdown) Write(string reportsDirectory, string split, TaggingReport report, string checkpoint)
    {
        Directory.CreateDirectory(reportsDirectory);
        var json = Path.Combine(reportsDirectory, $"{split}-metrics.json");
        var markdown = Path.Combine(reportsDirectory, $"{split}-metrics.md");

        var document = new Dictionary<string, object?>
        {
            ["split"] = split,
            ["checkpoint"] = checkpoint,
            ["roc_auc_macro"] = report.RocAucMacro,
            ["pr_auc_macro"] = report.PrAucMacro,
            ["loss"] = report.Loss,
            ["clips"] = report.Clips,
            ["excluded_tags"] = report.ExcludedTags,
            ["per_tag"] = report.PerTag.ToDictionary(t => t.Tag, t => new Dictionary<string, object?>
            {
                ["roc_auc"] = t.RocAuc,
                ["pr_auc"] = t.PrAuc,
                ["positives"] = t.Positives,
            }),
        };
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        AtomicFile.WriteAllText(markdown, Table(split, report));
        return (json, markdown);
    }

    /// <summary>A header <c>clip_id path tag...</c>, then a row per scored clip: its id, audio path and score for each tag.</summary>
    public static string WritePredictions(string reportsDirectory, string split, IReadOnlyList<string> tags,
        IEnumerable<(string ClipId, string Path, float[] Scores)> clips)
    {
        Directory.CreateDirectory(reportsDirectory);
        var path = Path.Combine(reportsDirectory, $"{split}-predictions.tsv");
        var text = new StringBuilder();
        text.AppendLine(string.Join('\t', ["clip_id", "path", .. tags]));
        foreach (var (id, audio, scores) in clips)
            text.AppendLine(string.Join('\t', [id, audio, .. scores.Select(s => s.ToString("R", CultureInfo.InvariantCulture))]));
        AtomicFile.WriteAllText(path, text.ToString());
        return path;
    }

    public static string Table(string split, TaggingReport report)
    {
        static string F(double? v) => v?.ToString("F4", CultureInfo.InvariantCulture) ?? "n/a";
        var text = new StringBuilder();
        text.AppendLine($"# {split} split: {report.Clips} clips");
        text.AppendLine();
        text.AppendLine($"macro ROC-AUC **{F(report.RocAucMacro)}**, macro PR-AUC **{F(report.PrAucMacro)}**, BCE loss {report.Loss.ToString("F4", CultureInfo.InvariantCulture)}");
        text.AppendLine();
        text.AppendLine("| tag | ROC-AUC | PR-AUC | positives |");
        text.AppendLine("|---|---|---|---|");
        foreach (var tag in report.PerTag.OrderByDescending(t => t.RocAuc ?? -1))
            text.AppendLine($"| {tag.Tag} | {F(tag.RocAuc)} | {F(tag.PrAuc)} | {tag.Positives} |");
        return text.ToString();
    }
}
