namespace Pipeline.Model.Metrics;

/// <summary>
/// One binary tag column (scores with their 0/1 labels) sorted by score ascending, shared by the ranking metrics.
/// </summary>
internal readonly struct BinaryColumn
{
    private BinaryColumn(float[] scores, bool[] positive, int positives)
    {
        Scores = scores;
        Positive = positive;
        Positives = positives;
    }

    /// <summary>Scores in ascending order; equal scores are adjacent, which is all the tie handling needs.</summary>
    public float[] Scores { get; }

    /// <summary>Whether the clip at the same position of <see cref="Scores"/> is a positive.</summary>
    public bool[] Positive { get; }

    public int Positives { get; }

    public int Negatives => Scores.Length - Positives;

    public static BinaryColumn Sort(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        if (scores.Length != labels.Length)
            throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels", nameof(labels));

        var sortedScores = scores.ToArray();
        var positive = new bool[labels.Length];
        var positives = 0;
        for (var i = 0; i < sortedScores.Length; i++)
        {
            // A NaN has no place in a ranking (sklearn refuses it too); letting it through would silently
            // put it first or last depending on the sort and change the result.
            if (float.IsNaN(sortedScores[i]))
                throw new ArgumentException($"score {i} is NaN", nameof(scores));
            var label = labels[i];
            // Anything but exact 0/1 means the caller passed probabilities or soft targets by mistake;
            // rounding them here would hide that.
            if (label != 0f && label != 1f)
                throw new ArgumentException($"label {i} is {label}; labels must be 0 or 1", nameof(labels));
            positive[i] = label == 1f;
            if (positive[i])
                positives++;
        }

        // The sort is unstable, which is fine: every metric treats a run of equal scores as one threshold,
        // so the order inside a run never matters. float's ordering puts -0 and +0 together, as == does.
        Array.Sort(sortedScores, positive);
        return new BinaryColumn(sortedScores, positive, positives);
    }

    /// <summary>
    /// The runs of equal scores from the lowest score to the highest, each with its count of positives and
    /// negatives: a run is one threshold, which is how sklearn treats ties in both ROC-AUC and average precision.
    /// </summary>
    public List<(int Positives, int Negatives)> TieGroupsAscending()
    {
        var groups = new List<(int, int)>();
        var i = 0;
        while (i < Scores.Length)
        {
            var value = Scores[i];
            int positives = 0, negatives = 0;
            for (; i < Scores.Length && Scores[i] == value; i++)
            {
                if (Positive[i])
                    positives++;
                else
                    negatives++;
            }
            groups.Add((positives, negatives));
        }
        return groups;
    }
}
