using Pipeline.Model.Metrics;
using Pipeline.Tests.Support;
using Serilog;
using Serilog.Events;

namespace Pipeline.Tests.Metrics;

[Collection(GlobalLoggerCollection.Name)]
public sealed class TaggingMetricsTests
{
    private static readonly string[] Tags = ["guitar", "choir", "loud"];

    // 4 clips x 3 tags, row-major. "guitar" is the swapped-pair vector of RocAucTests, "choir" never occurs,
    // "loud" is on every clip.
    private static readonly float[] Predictions =
    [
        0.1f, 0.5f, 0.9f,
        0.4f, 0.5f, 0.8f,
        0.35f, 0.5f, 0.2f,
        0.8f, 0.5f, 0.1f,
    ];

    private static readonly float[] Labels =
    [
        0, 0, 1,
        0, 0, 1,
        1, 0, 1,
        1, 0, 1,
    ];

    // Tests outside this collection may log through the global logger at the same time; only ours count.
    private static List<LogEvent> OwnEvents(CapturingSink sink) =>
        sink.Events.Where(e => e.Properties.TryGetValue("SourceContext", out var source)
                               && source.ToString() == $"\"{typeof(TaggingMetrics).FullName}\"").ToList();

    private static (TaggingReport Report, CapturingSink Sink) ComputeCapturing(float[] predictions, float[] labels, int clips, string[] tags)
    {
        var sink = new CapturingSink();
        var previous = Log.Logger;
        Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        try
        {
            return (TaggingMetrics.Compute(predictions, labels, clips, tags), sink);
        }
        finally
        {
            Log.CloseAndFlush();
            Log.Logger = previous;
        }
    }

    [Fact]
    public void Per_tag_values_and_macro_averages()
    {
        var (report, _) = ComputeCapturing(Predictions, Labels, 4, Tags);

        Assert.Equal(4, report.Clips);
        Assert.Equal(Tags, report.PerTag.Select(t => t.Tag));
        var guitar = report.PerTag[0];
        Assert.Equal(("guitar", 2), (guitar.Tag, guitar.Positives));
        Assert.Equal(0.75, guitar.RocAuc!.Value, 1e-15);
        Assert.Equal(5.0 / 6, guitar.PrAuc!.Value, 1e-15);
        Assert.Equal(new TagMetrics("choir", null, null, 0), report.PerTag[1]);
        // "loud": ROC undefined (no negatives), AP = 1 (every threshold has precision 1)
        Assert.Equal(new TagMetrics("loud", null, 1.0, 4), report.PerTag[2]);

        // ROC-AUC macro: only guitar is defined -> 0.75
        Assert.Equal(0.75, report.RocAucMacro!.Value, 1e-15);
        // PR-AUC macro: guitar and loud -> (5/6 + 1) / 2 = 11/12; choir's undefined AP is not averaged in as 0
        Assert.Equal(11.0 / 12, report.PrAucMacro!.Value, 1e-15);
        Assert.Equal(["choir", "loud"], report.ExcludedTags);
    }

    [Fact]
    public void Excluded_tags_are_named_in_warnings()
    {
        var (_, sink) = ComputeCapturing(Predictions, Labels, 4, Tags);

        var warnings = OwnEvents(sink);
        Assert.All(warnings, w => Assert.Equal(LogEventLevel.Warning, w.Level));
        Assert.Equal(2, warnings.Count);
        var choir = Assert.Single(warnings, w => w.Properties["Tag"].ToString() == "\"choir\"");
        Assert.Contains("no positive", choir.RenderMessage());
        Assert.Contains("ROC-AUC and PR-AUC", choir.RenderMessage());
        var loud = Assert.Single(warnings, w => w.Properties["Tag"].ToString() == "\"loud\"");
        Assert.Contains("no negative", loud.RenderMessage());
        Assert.DoesNotContain("PR-AUC", loud.RenderMessage());
        Assert.DoesNotContain(warnings, w => w.RenderMessage().Contains("guitar"));
    }

    [Fact]
    public void Loss_is_the_mean_over_every_cell()
    {
        var (report, _) = ComputeCapturing(Predictions, Labels, 4, Tags);

        // 12 cells: guitar -ln(0.9), -ln(0.6), -ln(0.35), -ln(0.8); choir 4 x -ln(0.5); loud -ln(0.9), -ln(0.8), -ln(0.2), -ln(0.1)
        // (in double, from the float32 predictions, as the metric sees them)
        static double Ln(float p) => Math.Log(p);
        static double LnNot(float p) => Math.Log(1 - (double)p);
        double[] cells =
        [
            -LnNot(0.1f), -LnNot(0.4f), -Ln(0.35f), -Ln(0.8f),
            4 * -LnNot(0.5f),
            -Ln(0.9f), -Ln(0.8f), -Ln(0.2f), -Ln(0.1f),
        ];
        Assert.Equal(cells.Sum() / 12, report.Loss, 1e-12);
    }

    [Fact]
    public void A_split_where_no_tag_is_defined_has_no_macro()
    {
        var (report, sink) = ComputeCapturing([0.2f, 0.7f], [0, 0], 2, ["piano"]);

        Assert.Null(report.RocAucMacro);
        Assert.Null(report.PrAucMacro);
        Assert.Equal(["piano"], report.ExcludedTags);
        Assert.Contains(OwnEvents(sink), e => e.RenderMessage().Contains("piano"));
    }

    [Fact]
    public void Clean_splits_log_nothing()
    {
        var (report, sink) = ComputeCapturing([0.2f, 0.7f], [0, 1], 2, ["piano"]);

        Assert.Equal(1.0, report.RocAucMacro);
        Assert.Empty(report.ExcludedTags);
        Assert.Empty(OwnEvents(sink));
    }

    [Fact]
    public void Shapes_must_agree()
    {
        Assert.Throws<ArgumentException>(() => TaggingMetrics.Compute(new float[5], new float[6], 2, ["a", "b", "c"]));
        Assert.Throws<ArgumentException>(() => TaggingMetrics.Compute(new float[6], new float[5], 2, ["a", "b", "c"]));
        Assert.Throws<ArgumentException>(() => TaggingMetrics.Compute(new float[6], new float[6], 3, ["a", "b", "c"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaggingMetrics.Compute([], [], 0, ["a"]));
        Assert.Throws<ArgumentException>(() => TaggingMetrics.Compute([], [], 1, []));
    }
}
