using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Model.Metrics;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Metrics;

/// <summary>
/// Our metrics against real scikit-learn (Debian's python3-sklearn) on random columns full of ties.
/// Each test runs python once, so the sklearn import is paid once per test, not per case.
/// </summary>
public sealed class SklearnCrossCheckTests
{
    private const int Cases = 400;
    private const double Tolerance = 1e-9;

    private sealed record Column(float[] Scores, float[] Labels);

    // The scores go to python as the exact float64 value of each float32 (round-trip "R" of the double),
    // so sklearn ranks exactly the numbers we rank; a float32's short decimal form would parse to a different double.
    private static string Number(float value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);

    private static string Json(IEnumerable<float> values) => "[" + string.Join(",", values.Select(Number)) + "]";

    private static float Score(Random random, int decimals, double signal)
    {
        var raw = Math.Clamp(signal + random.NextDouble(), 0, 1.999) / 2;
        return decimals == 0 ? (float)raw : (float)Math.Round(raw, decimals);
    }

    private static List<Column> RandomColumns()
    {
        var random = new Random(20170821);
        double[] prevalences = [0, 0.01, 0.05, 0.2, 0.5, 0.8, 0.97, 1];
        var columns = new List<Column>(Cases);
        for (var c = 0; c < Cases; c++)
        {
            var n = random.Next(2, 201);
            // Mostly a fixed prevalence from the list, sometimes a uniform one; the extremes give undefined cases.
            var prevalence = random.Next(4) == 0 ? random.NextDouble() : prevalences[random.Next(prevalences.Length)];
            // 1 or 2 decimals make heavy ties; 0 means full float precision (few ties).
            var decimals = random.Next(3);
            // How much the label shifts the score up: 0 = pure noise, 1 = nearly separable.
            var strength = random.NextDouble();
            var allEqual = random.Next(25) == 0;
            var labels = new float[n];
            var scores = new float[n];
            for (var i = 0; i < n; i++)
            {
                labels[i] = random.NextDouble() < prevalence ? 1 : 0;
                scores[i] = allEqual ? 0.5f : Score(random, decimals, labels[i] * strength);
            }
            columns.Add(new Column(scores, labels));
        }
        return columns;
    }

    [Fact]
    public void Roc_auc_and_average_precision_equal_sklearn_on_random_tied_columns()
    {
        var columns = RandomColumns();
        using var temp = new TempDirectory("metrics-sklearn");
        var input = temp.File("columns.json");
        var json = new StringBuilder("[");
        for (var c = 0; c < columns.Count; c++)
            json.Append(c == 0 ? "" : ",").Append("{\"s\":").Append(Json(columns[c].Scores))
                .Append(",\"y\":").Append(Json(columns[c].Labels)).Append('}');
        File.WriteAllText(input, json.Append(']').ToString());

        // sklearn raises for ROC-AUC without both classes and only warns (returning 0) for AP without positives;
        // both are "undefined" here, which is what our null stands for.
        var output = Python.Run($$"""
            import json, warnings
            import numpy as np
            from sklearn.metrics import roc_auc_score, average_precision_score
            def undefined_as_none(metric, y, s):
                with warnings.catch_warnings():
                    warnings.simplefilter('error')
                    try:
                        return float(metric(y, s))
                    except (ValueError, UserWarning):
                        return None
            out = []
            for case in json.load(open('{{input}}')):
                y = np.asarray(case['y'], dtype=np.int64)
                s = np.asarray(case['s'], dtype=np.float64)
                out.append([undefined_as_none(roc_auc_score, y, s), undefined_as_none(average_precision_score, y, s)])
            print(json.dumps(out))
            """);

        var expected = JsonSerializer.Deserialize<double?[][]>(output)!;
        Assert.Equal(columns.Count, expected.Length);
        int rocDefined = 0, apDefined = 0, tied = 0;
        for (var c = 0; c < columns.Count; c++)
        {
            var (scores, labels) = (columns[c].Scores, columns[c].Labels);
            var roc = RocAuc.Compute(scores, labels);
            var ap = AveragePrecision.Compute(scores, labels);
            AssertSame(expected[c][0], roc, $"case {c} ROC-AUC");
            AssertSame(expected[c][1], ap, $"case {c} AP");
            rocDefined += roc is null ? 0 : 1;
            apDefined += ap is null ? 0 : 1;
            tied += scores.Distinct().Count() < scores.Length ? 1 : 0;
        }

        // The generator must actually exercise what it is meant to: mostly defined cases, some undefined ones of each
        // kind, and mostly columns with ties.
        Assert.InRange(rocDefined, Cases * 6 / 10, Cases - 10);
        Assert.InRange(apDefined, rocDefined + 10, Cases - 10);
        Assert.True(tied > Cases / 2, $"only {tied} of {Cases} columns have ties");
    }

    [Fact]
    public void Macro_report_equals_sklearn_macro_averages()
    {
        const int clips = 150, tagCount = 12;
        var random = new Random(11);
        var tags = Enumerable.Range(0, tagCount).Select(t => $"tag{t}").ToArray();
        var predictions = new float[clips * tagCount];
        var labels = new float[clips * tagCount];
        for (var t = 0; t < tagCount; t++)
        {
            var prevalence = 0.03 + 0.5 * t / tagCount;
            for (var c = 0; c < clips; c++)
            {
                // The first two clips pin one negative and one positive so every column has both classes,
                // as sklearn's macro ROC-AUC requires.
                var label = c switch { 0 => 0f, 1 => 1f, _ => random.NextDouble() < prevalence ? 1f : 0f };
                labels[c * tagCount + t] = label;
                predictions[c * tagCount + t] = Score(random, 2, label * 0.6);
            }
        }

        using var temp = new TempDirectory("metrics-sklearn");
        var input = temp.File("matrix.json");
        File.WriteAllText(input, $"{{\"p\":{Json(predictions)},\"y\":{Json(labels)}}}");
        var output = Python.Run($$"""
            import json
            import numpy as np
            from sklearn.metrics import roc_auc_score, average_precision_score
            d = json.load(open('{{input}}'))
            p = np.asarray(d['p'], dtype=np.float64).reshape({{clips}}, {{tagCount}})
            y = np.asarray(d['y'], dtype=np.int64).reshape({{clips}}, {{tagCount}})
            with np.errstate(divide='ignore'):
                bce = -np.mean(y * np.maximum(np.log(p), -100) + (1 - y) * np.maximum(np.log(1 - p), -100))
            print(json.dumps({
                'roc': roc_auc_score(y, p, average='macro'),
                'ap': average_precision_score(y, p, average='macro'),
                'roc_tags': roc_auc_score(y, p, average=None).tolist(),
                'ap_tags': average_precision_score(y, p, average=None).tolist(),
                'bce': float(bce)}))
            """);

        var report = TaggingMetrics.Compute(predictions, labels, clips, tags);

        using var expected = JsonDocument.Parse(output);
        var root = expected.RootElement;
        Assert.Empty(report.ExcludedTags);
        Assert.Equal(root.GetProperty("roc").GetDouble(), report.RocAucMacro!.Value, Tolerance);
        Assert.Equal(root.GetProperty("ap").GetDouble(), report.PrAucMacro!.Value, Tolerance);
        var rocTags = root.GetProperty("roc_tags").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var apTags = root.GetProperty("ap_tags").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var t = 0; t < tagCount; t++)
        {
            Assert.Equal(rocTags[t], report.PerTag[t].RocAuc!.Value, Tolerance);
            Assert.Equal(apTags[t], report.PerTag[t].PrAuc!.Value, Tolerance);
        }
        Assert.Equal(root.GetProperty("bce").GetDouble(), report.Loss, 1e-12);
    }

    private static void AssertSame(double? sklearn, double? ours, string what)
    {
        if (sklearn is null)
        {
            Assert.True(ours is null, $"{what}: sklearn says undefined, we say {ours}");
            return;
        }
        Assert.True(ours is not null, $"{what}: sklearn says {sklearn}, we say undefined");
        Assert.True(Math.Abs(sklearn.Value - ours.Value) <= Tolerance, $"{what}: sklearn {sklearn:R}, ours {ours:R}");
    }
}
