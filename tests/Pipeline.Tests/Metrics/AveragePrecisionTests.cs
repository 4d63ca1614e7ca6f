using Pipeline.Model.Metrics;

namespace Pipeline.Tests.Metrics;

/// <summary>
/// Hand-checked average precision vectors. Thresholds run from the highest score down, equal scores are one
/// threshold, AP = sum of (R_n - R_{n-1}) * P_n.
/// </summary>
public sealed class AveragePrecisionTests
{
    private const double Exact = 1e-15;

    [Fact]
    public void A_swapped_pair()
    {
        // descending: 0.8(+) tp1 fp0 P=1   R=1/2
        //             0.4(-) tp1 fp1        R=1/2 (no recall added)
        //             0.35(+) tp2 fp1 P=2/3 R=1
        //             0.1(-)                R=1
        // AP = 1/2 * 1 + 1/2 * 2/3 = 5/6 = 0.8333...
        Assert.Equal(5.0 / 6, AveragePrecision.Compute([0.1f, 0.4f, 0.35f, 0.8f], [0, 0, 1, 1])!.Value, Exact);
    }

    [Fact]
    public void Scores_tied_across_classes_are_one_threshold()
    {
        // descending: 0.9(-)            tp0 fp1        R=0
        //             0.6 x4 (+,-,-,+)  tp2 fp3 P=2/5  R=2/3
        //             0.3(+)            tp3 fp3 P=1/2  R=1
        // AP = 2/3 * 2/5 + 1/3 * 1/2 = 4/15 + 1/6 = 13/30 = 0.4333...
        // (splitting the tie in the positives' favour would give 1/3 * 1/2 + 1/3 * 2/3 + 1/3 * 1/2 = 5/9 instead)
        var ap = AveragePrecision.Compute([0.3f, 0.6f, 0.6f, 0.6f, 0.6f, 0.9f], [1, 1, 0, 0, 1, 0]);
        Assert.Equal(13.0 / 30, ap!.Value, Exact);
    }

    [Fact]
    public void A_perfect_ranking_scores_one()
    {
        // descending: 0.9(+) P=1 R=1/2, 0.8(+) P=1 R=1 -> AP = 1/2 + 1/2 = 1
        Assert.Equal(1.0, AveragePrecision.Compute([0.1f, 0.2f, 0.8f, 0.9f], [0, 0, 1, 1])!.Value, Exact);
    }

    [Fact]
    public void An_inverted_ranking()
    {
        // descending: 0.9(-) tp0 fp1, 0.8(-) tp0 fp2,
        //             0.2(+) tp1 fp2 P=1/3 R=1/2, 0.1(+) tp2 fp2 P=1/2 R=1
        // AP = 1/2 * 1/3 + 1/2 * 1/2 = 1/6 + 1/4 = 5/12 = 0.41666...
        Assert.Equal(5.0 / 12, AveragePrecision.Compute([0.9f, 0.8f, 0.2f, 0.1f], [0, 0, 1, 1])!.Value, Exact);
    }

    [Fact]
    public void All_scores_equal_is_the_prevalence()
    {
        // one threshold: tp2 fp3 P=2/5, R goes 0 -> 1: AP = 1 * 2/5 = 0.4 = 2 positives / 5 clips
        Assert.Equal(0.4, AveragePrecision.Compute([0.5f, 0.5f, 0.5f, 0.5f, 0.5f], [1, 0, 0, 1, 0])!.Value, Exact);
    }

    [Fact]
    public void No_negatives_is_perfect_precision()
    {
        // every threshold has P=1, the recall steps sum to 1
        Assert.Equal(1.0, AveragePrecision.Compute([0.1f, 0.2f, 0.2f], [1, 1, 1])!.Value, Exact);
    }

    [Fact]
    public void No_positives_is_undefined()
    {
        Assert.Null(AveragePrecision.Compute([0.1f, 0.2f, 0.3f], [0, 0, 0]));
        Assert.Null(AveragePrecision.Compute([], []));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AveragePrecision.Compute([0.1f], [0, 1]));
        Assert.Throws<ArgumentException>(() => AveragePrecision.Compute([float.NaN, 0.2f], [0, 1]));
        Assert.Throws<ArgumentException>(() => AveragePrecision.Compute([0.1f, 0.2f], [2, 1]));
    }
}
