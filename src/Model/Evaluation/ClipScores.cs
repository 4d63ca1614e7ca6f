using Pipeline.Model.Metrics;
using Serilog;

namespace Pipeline.Model.Evaluation;

/// <summary>
/// Each clip's prediction and labels for the metrics: a clip's prediction is the mean of its windows' probabilities,
/// as in the reference evaluations (Lee et al. 2017; Won et al. 2020), pooled where `tag` pools them. A clip that
/// produced no window (its file failed to decode) is never added, so it is simply not among the clips scored.
/// </summary>
public sealed class ClipScores(int clips, int tags)
{
    private readonly float[] _predictions = new float[clips * tags];
    private readonly float[] _labels = new float[clips * tags];
    private readonly bool[] _scored = new bool[clips];

    public int Tags { get; } = tags;

    /// <summary>Windows behind the predictions added so far.</summary>
    public long Windows { get; private set; }

    /// <summary>Clips of the split that produced no window to score.</summary>
    public int ClipsWithoutWindows => _scored.Count(scored => !scored);

    /// <summary>Clip <paramref name="clip"/>'s pooled prediction over its <paramref name="windows"/> windows, and its labels.</summary>
    public void Add(int clip, ReadOnlySpan<float> prediction, ReadOnlySpan<float> labels, int windows)
    {
        if (_scored[clip])
            throw new InvalidOperationException($"clip {clip} was scored twice");
        prediction.CopyTo(_predictions.AsSpan(clip * Tags, Tags));
        labels.CopyTo(_labels.AsSpan(clip * Tags, Tags));
        _scored[clip] = true;
        Windows += windows;
    }

    /// <summary>Each scored clip's index and prediction [tags], in clip order.</summary>
    public IEnumerable<(int Clip, float[] Prediction)> Predictions() =>
        Enumerable.Range(0, _scored.Length).Where(c => _scored[c]).Select(c => (c, _predictions.AsSpan(c * Tags, Tags).ToArray()));

    /// <summary>The clip-level predictions and labels [clips, tags] of the clips that produced windows.</summary>
    public (float[] Predictions, float[] Labels, int Clips) Averages()
    {
        var scored = Enumerable.Range(0, _scored.Length).Where(c => _scored[c]).ToList();
        var predictions = new float[scored.Count * Tags];
        var labels = new float[scored.Count * Tags];
        for (var i = 0; i < scored.Count; i++)
        {
            _predictions.AsSpan(scored[i] * Tags, Tags).CopyTo(predictions.AsSpan(i * Tags, Tags));
            _labels.AsSpan(scored[i] * Tags, Tags).CopyTo(labels.AsSpan(i * Tags, Tags));
        }
        return (predictions, labels, scored.Count);
    }

    /// <summary>Metrics of the clips' predictions; clips and tags left out are warned about when asked.</summary>
    public TaggingReport Report(IReadOnlyList<string> tags, bool warnAboutLeftOut = true)
    {
        if (warnAboutLeftOut && ClipsWithoutWindows > 0)
            Log.Warning("{Clips} clips produced no window (their files failed to decode) and are left out of the metrics", ClipsWithoutWindows);
        var (predictions, labels, clips) = Averages();
        return TaggingMetrics.Compute(predictions, labels, clips, tags, warnAboutLeftOut);
    }
}
