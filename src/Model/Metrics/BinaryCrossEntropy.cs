namespace Pipeline.Model.Metrics;

/// <summary>Binary cross-entropy on probabilities, as <c>torch.nn.functional.binary_cross_entropy</c> computes it.</summary>
public static class BinaryCrossEntropy
{
    // PyTorch clamps each log term here so that a confident wrong prediction (p = 0 for a positive) costs 100
    // instead of infinity; without it one clip would make the whole mean infinite.
    private const double LogFloor = -100;

    /// <summary>
    /// Mean of -(y log p + (1 - y) log(1 - p)) over all elements, with both logs clamped to at least -100.
    /// Labels may be soft (any value in [0, 1]), as PyTorch allows. An empty input gives NaN, as torch's mean does.
    /// </summary>
    public static double Mean(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels)
    {
        if (probabilities.Length != labels.Length)
            throw new ArgumentException($"{probabilities.Length} probabilities but {labels.Length} labels", nameof(labels));

        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i], y = labels[i];
            // PyTorch refuses these too; a logit passed by mistake would otherwise give a plausible-looking number.
            if (!(p >= 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(probabilities), probabilities[i], $"probability {i} is outside [0, 1]");
            if (!(y >= 0 && y <= 1))
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"label {i} is outside [0, 1]");

            // Both terms are evaluated even when a weight is 0, as PyTorch does; the clamp keeps 0 * log(0) at 0.
            var logP = Math.Max(Math.Log(p), LogFloor);
            var logNotP = Math.Max(Math.Log(1 - p), LogFloor);
            sum -= y * logP + (1 - y) * logNotP;
        }
        return sum / probabilities.Length;
    }
}
