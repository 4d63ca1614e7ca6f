using Pipeline.Shared.IO;
using System.Globalization;
using System.Text;

namespace Pipeline.Model.Runs;

/// <summary>
/// metrics.csv: one row per evaluation (epoch, step, lr, train loss, valid loss, valid ROC-AUC, valid PR-AUC,
/// seconds since the run started). Rewritten atomically after each row, so it is never half a line; a resumed run
/// keeps the rows of its earlier part.
/// </summary>
public sealed class MetricsLog
{
    private const string Header = "epoch,step,lr,train_loss,valid_loss,valid_roc_auc,valid_pr_auc,seconds";
    private readonly string _path;
    private readonly List<MetricsRow> _rows;

    private MetricsLog(string path, List<MetricsRow> rows)
    {
        _path = path;
        _rows = rows;
    }

    public IReadOnlyList<MetricsRow> Rows => _rows;

    public static MetricsLog Open(string path) => new(path, File.Exists(path) ? Read(path).ToList() : []);

    public void Append(MetricsRow row)
    {
        _rows.Add(row);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in _rows)
            text.Append(Format(r)).Append('\n');
        AtomicFile.WriteAllText(_path, text.ToString());
    }

    public static IEnumerable<MetricsRow> Read(string path)
    {
        foreach (var line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            yield return new MetricsRow(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                long.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture),
                f[5].Length == 0 ? null : double.Parse(f[5], CultureInfo.InvariantCulture),
                f[6].Length == 0 ? null : double.Parse(f[6], CultureInfo.InvariantCulture),
                double.Parse(f[7], CultureInfo.InvariantCulture));
        }
    }

    private static string Format(MetricsRow r) => string.Join(',',
        r.Epoch.ToString(CultureInfo.InvariantCulture),
        r.Step.ToString(CultureInfo.InvariantCulture),
        r.LearningRate.ToString("G6", CultureInfo.InvariantCulture),
        r.TrainLoss.ToString("F6", CultureInfo.InvariantCulture),
        r.ValidLoss.ToString("F6", CultureInfo.InvariantCulture),
        r.ValidRocAuc?.ToString("F6", CultureInfo.InvariantCulture) ?? "",
        r.ValidPrAuc?.ToString("F6", CultureInfo.InvariantCulture) ?? "",
        r.Seconds.ToString("F1", CultureInfo.InvariantCulture));
}
