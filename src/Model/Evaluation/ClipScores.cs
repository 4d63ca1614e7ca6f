using Pipeline.Streams.Provider;

namespace Pipeline.Model.Evaluation;

/// <summary>
/// Per-clip sums of window predictions: a clip's prediction is the mean over its windows, as in the reference
/// evaluations (Lee et al. 2017; Won et al. 2020).
/// </summary>
public sealed class ClipScores
{
    private readonly float[] _sums;
    private readonly int[] _windows;

    public ClipScores(IReadOnlyList<ClipRef> clips, int tags)
    {
        Clips = clips;
        Tags = tags;
        _sums = new float[clips.Count * tags];
        _windows = new int[clips.Count];
    }

    public IReadOnlyList<ClipRef> Clips { get; }
    public int Tags { get; }
    public long Windows { get; private set; }

    /// <summary>Adds a batch's probabilities [rows, tags]; each row belongs to the clip the batch names for it.</summary>
    public void Add(Batch batch, ReadOnlySpan<float> probabilities)
    {
        for (var row = 0; row < batch.Count; row++)
        {
            var clip = batch.Clips[row].Index;
            var target = _sums.AsSpan(clip * Tags, Tags);
            var source = probabilities.Slice(row * Tags, Tags);
            for (var t = 0; t < Tags; t++)
                target[t] += source[t];
            _windows[clip]++;
        }
        Windows += batch.Count;
    }

    /// <summary>The clip-level predictions [clips, tags]; clips that produced no window are an error.</summary>
    public float[] Averages()
    {
        var averages = new float[_sums.Length];
        for (var clip = 0; clip < Clips.Count; clip++)
        {
            if (_windows[clip] == 0)
                throw new InvalidOperationException($"clip {Clips[clip].Id} produced no window to evaluate");
            for (var t = 0; t < Tags; t++)
                averages[clip * Tags + t] = _sums[clip * Tags + t] / _windows[clip];
        }
        return averages;
    }

    public float[] Labels()
    {
        var labels = new float[Clips.Count * Tags];
        for (var clip = 0; clip < Clips.Count; clip++)
            Clips[clip].Labels.CopyTo(labels, clip * Tags);
        return labels;
    }
}
