using Pipeline.Model.Metrics;

namespace Pipeline.Tests.Metrics;

/// <summary>Hand-checked ROC-AUC vectors. AUC = (sum of positive ranks - P(P+1)/2) / (P*N), ties get average ranks.</summary>
public sealed class RocAucTests
{
    private const double Exact = 1e-15;

    [Fact]
    public void A_swapped_pair_costs_a_quarter()
    {
        // ascending: 0.1(-) r1, 0.35(+) r2, 0.4(-) r3, 0.8(+) r4
        // positive ranks 2 + 4 = 6; U = 6 - 2*3/2 = 3; AUC = 3 / (2*2) = 0.75
        Assert.Equal(0.75, RocAuc.Compute([0.1f, 0.4f, 0.35f, 0.8f], [0, 0, 1, 1])!.Value, Exact);
    }

    [Fact]
    public void Scores_tied_across_classes_count_one_half()
    {
        // ascending: 0.3(+) r1; 0.6 x4 (+,-,-,+) r2..5 -> 3.5 each; 0.9(-) r6
        // positive ranks 1 + 3.5 + 3.5 = 8; U = 8 - 3*4/2 = 2; AUC = 2 / (3*3) = 0.2222...
        // pairwise: 0.3 beats nothing; each 0.6 positive ties two 0.6 negatives (0.5 + 0.5) and loses to 0.9 -> 2/9
        var auc = RocAuc.Compute([0.3f, 0.6f, 0.6f, 0.6f, 0.6f, 0.9f], [1, 1, 0, 0, 1, 0]);
        Assert.Equal(2.0 / 9, auc!.Value, Exact);
    }

    [Fact]
    public void A_tie_inside_one_class_changes_nothing()
    {
        // ascending: 0.2(-) r1, 0.5(-) 0.5(-) r2,3 -> 2.5, 0.7(+) 0.7(+) r4,5 -> 4.5
        // positive ranks 9; U = 9 - 2*3/2 = 6; AUC = 6 / (2*3) = 1
        Assert.Equal(1.0, RocAuc.Compute([0.5f, 0.7f, 0.2f, 0.7f, 0.5f], [0, 1, 0, 1, 0])!.Value, Exact);
    }

    [Fact]
    public void A_perfect_ranking_scores_one()
    {
        // ranks of the positives 3 + 4 = 7; U = 7 - 3 = 4 = P*N
        Assert.Equal(1.0, RocAuc.Compute([0.1f, 0.2f, 0.8f, 0.9f], [0, 0, 1, 1])!.Value, Exact);
    }

    [Fact]
    public void An_inverted_ranking_scores_zero()
    {
        // ranks of the positives 1 + 2 = 3; U = 3 - 3 = 0
        Assert.Equal(0.0, RocAuc.Compute([0.9f, 0.8f, 0.2f, 0.1f], [0, 0, 1, 1])!.Value, Exact);
    }

    [Fact]
    public void All_scores_equal_is_chance()
    {
        // every rank is (1+5)/2 = 3; positive ranks 6; U = 6 - 2*3/2 = 3; AUC = 3 / (2*3) = 0.5
        Assert.Equal(0.5, RocAuc.Compute([0.5f, 0.5f, 0.5f, 0.5f, 0.5f], [1, 0, 0, 1, 0])!.Value, Exact);
    }

    [Fact]
    public void Negative_zero_ties_with_positive_zero()
    {
        // -0 == +0, so this is one tie group: ranks 1.5 each, U = 1.5 - 1 = 0.5, AUC = 0.5 / 1
        Assert.Equal(0.5, RocAuc.Compute([-0f, 0f], [1, 0])!.Value, Exact);
    }

    [Fact]
    public void Large_columns_stay_exact()
    {
        // 100,000 clips, positives at odd positions. Scored by their own labels every positive outranks every
        // negative (U = P*N = 2.5e9, past int range) -> exactly 1.
        var n = 100_000;
        var labels = Enumerable.Range(0, n).Select(i => (float)(i % 2)).ToArray();
        Assert.Equal(1.0, RocAuc.Compute(labels, labels)!.Value, Exact);
        // All tied: exactly 0.5 however many pairs there are.
        Assert.Equal(0.5, RocAuc.Compute(new float[n], labels)!.Value, Exact);
    }

    [Fact]
    public void No_positives_is_undefined()
    {
        Assert.Null(RocAuc.Compute([0.1f, 0.2f, 0.3f], [0, 0, 0]));
    }

    [Fact]
    public void No_negatives_is_undefined()
    {
        Assert.Null(RocAuc.Compute([0.1f, 0.2f, 0.3f], [1, 1, 1]));
    }

    [Fact]
    public void Empty_is_undefined()
    {
        Assert.Null(RocAuc.Compute([], []));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RocAuc.Compute([0.1f, 0.2f], [0, 1, 1]));
        Assert.Throws<ArgumentException>(() => RocAuc.Compute([0.1f, float.NaN], [0, 1]));
        Assert.Throws<ArgumentException>(() => RocAuc.Compute([0.1f, 0.2f], [0, 0.7f]));
    }
}
