using Pipeline.Shared;

namespace Pipeline.Model.Evaluation;

/// <summary>
/// Per-clip sums of window predictions: a clip's prediction is the mean over its windows, as in the reference
/// evaluations (Lee et al. 2017; Won et al. 2020). Labels come with the windows, so a clip that produced none (its
/// file failed to decode) is simply not among the clips scored: predictions and labels always line up.
/// </summary>
public sealed class ClipScores(int clips, int tags)
{
    private readonly float[] _sums = new float[clips * tags];
    private readonly float[] _labels = new float[clips * tags];
    private readonly int[] _windows = new int[clips];

    public int Tags { get; } = tags;
    public long Windows { get; private set; }

    /// <summary>Clips of the split that produced no window to score.</summary>
    public int ClipsWithoutWindows => _windows.Count(w => w == 0);

    /// <summary>Adds a batch's probabilities [rows, tags]; each row belongs to the clip the batch names for it.</summary>
    public void Add(Batch batch, ReadOnlySpan<float> probabilities)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            var clip = batch.Clips[row];
            var target = _sums.AsSpan(clip * Tags, Tags);
            var source = probabilities.Slice(row * Tags, Tags);
            for (var t = 0; t < Tags; t++)
                target[t] += source[t];
            if (_windows[clip]++ == 0)
                batch.Labels.AsSpan(row * Tags, Tags).CopyTo(_labels.AsSpan(clip * Tags, Tags));
        }
        Windows += batch.Count;
    }

    /// <summary>The clip-level predictions and labels [clips, tags] of the clips that produced windows.</summary>
    public (float[] Predictions, float[] Labels, int Clips) Averages()
    {
        var scored = Enumerable.Range(0, _windows.Length).Where(c => _windows[c] > 0).ToList();
        var predictions = new float[scored.Count * Tags];
        var labels = new float[scored.Count * Tags];
        for (var i = 0; i < scored.Count; i++)
        {
            var clip = scored[i];
            for (var t = 0; t < Tags; t++)
                predictions[i * Tags + t] = _sums[clip * Tags + t] / _windows[clip];
            _labels.AsSpan(clip * Tags, Tags).CopyTo(labels.AsSpan(i * Tags, Tags));
        }
        return (predictions, labels, scored.Count);
    }
}
