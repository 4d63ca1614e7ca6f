namespace Pipeline.Streams.Tagging;

/// <summary>One row of a model batch: window <see cref="Window"/> of <see cref="File"/>.</summary>
public readonly record struct WindowRow(AudioFile File, long Window);

/// <summary>
/// Windows of one or more files packed into one model batch (samples [Count, 1, WindowSamples], row-major), and the
/// files whose last event comes right after these rows (<see cref="FileEnded"/> or <see cref="FileFailed"/>): every
/// window of such a file is in this batch or an earlier one. A batch may have no rows and only endings.
/// </summary>
public sealed record WindowBatch(IReadOnlyList<WindowRow> Rows, int WindowSamples, float[] Samples, IReadOnlyList<FileEvent> Endings)
{
    public int Count => Rows.Count;
}

/// <summary>A batch with the model's answers: tag probabilities [Count, Tags] and, when asked for, a layer's output [Count, EmbeddingSize].</summary>
public sealed record ScoredBatch(WindowBatch Batch, float[] Probabilities, int Tags, float[]? Embeddings, int EmbeddingSize);
