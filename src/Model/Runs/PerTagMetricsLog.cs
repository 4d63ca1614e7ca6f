using Pipeline.Shared.IO;
using System.Globalization;
using System.Text;
using Pipeline.Model.Metrics;

namespace Pipeline.Model.Runs;

/// <summary>
/// metrics-per-tag.csv: every evaluation's per-tag values in long form (epoch, step, tag, roc_auc, pr_auc,
/// positives), so a tag that lags behind can be followed over the run. Rewritten atomically like metrics.csv.
/// </summary>
public sealed class PerTagMetricsLog(string path)
{
    private const string Header = "epoch,step,tag,roc_auc,pr_auc,positives";

    public void Append(int epoch, long step, TaggingReport report)
    {
        var text = new StringBuilder();
        if (File.Exists(path))
            text.Append(File.ReadAllText(path));
        else
            text.Append(Header).Append('\n');
        foreach (var tag in report.PerTag)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{epoch},{step},\"{tag.Tag.Replace("\"", "\"\"")}\",{F(tag.RocAuc)},{F(tag.PrAuc)},{tag.Positives}\n");
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static string F(double? value) => value?.ToString("F6", CultureInfo.InvariantCulture) ?? "";
}
