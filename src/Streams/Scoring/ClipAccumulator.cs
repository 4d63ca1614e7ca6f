using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Scoring;

/// <summary>One clip's scored windows so far, in window order: running sums and maxima, and rows when kept.</summary>
internal sealed class ClipAccumulator(RegroupOptions options, int tags, int embeddingSize)
{
    private readonly double[] _sums = new double[tags];
    private readonly float[] _maxima = Enumerable.Repeat(float.NegativeInfinity, tags).ToArray();
    private readonly double[] _embeddingSums = new double[embeddingSize];
    private readonly List<float> _timeline = [];
    private readonly List<float> _windowEmbeddings = [];
    private long _windows;

    public void Add(long window, ScoredBatch scored, int row)
    {
        if (window != _windows)
            throw new InvalidOperationException($"window {window} arrived where window {_windows} was due: a clip's windows must stay in order");
        _windows++;
        var probabilities = scored.Probabilities.AsSpan(row * tags, tags);
        for (var t = 0; t < tags; t++)
        {
            _sums[t] += probabilities[t];
            _maxima[t] = Math.Max(_maxima[t], probabilities[t]);
        }
        if (options.KeepTimeline)
            _timeline.AddRange(probabilities);
        if (scored.Embeddings is { } embeddings)
        {
            var embedding = embeddings.AsSpan(row * embeddingSize, embeddingSize);
            for (var d = 0; d < embeddingSize; d++)
                _embeddingSums[d] += embedding[d];
            if (options.KeepWindowEmbeddings)
                _windowEmbeddings.AddRange(embedding);
        }
    }

    public ClipOutcome Complete(ClipEnded ended)
    {
        if (ended.Windows != _windows)
            return new ClipNotScored(ended.Clip, $"the decoder counted {ended.Windows} windows but {_windows} were scored");
        var scores = options.Pooling == ScorePooling.Max ? _maxima : _sums.Select(s => (float)(s / _windows)).ToArray();
        var embedding = embeddingSize > 0 ? _embeddingSums.Select(s => (float)(s / _windows)).ToArray() : null;
        return new ClipScored(ended.Clip, ended.Seconds, (int)_windows, scores,
            options.KeepTimeline ? [.. _timeline] : null,
            embedding,
            options.KeepWindowEmbeddings && embeddingSize > 0 ? [.. _windowEmbeddings] : null,
            ended.Warnings);
    }
}
