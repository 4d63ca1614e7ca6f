using Pipeline.Streams.Clips;

namespace Pipeline.Streams.Scoring;

/// <summary>How a clip's score for a tag is made from its windows' probabilities.</summary>
public enum ScorePooling
{
    Mean,
    Max,
}

/// <summary>What the regrouping keeps of every clip besides its pooled scores.</summary>
public sealed record RegroupOptions(ScorePooling Pooling, bool KeepTimeline, bool KeepWindowEmbeddings)
{
    /// <summary>Evaluation's: the mean of a clip's window probabilities, as the reference evaluations take it.</summary>
    public static RegroupOptions Mean { get; } = new(ScorePooling.Mean, false, false);
}

/// <summary>What scoring gave for one clip, in the order clips complete.</summary>
public abstract record ClipOutcome(ClipRef Clip);

/// <summary>
/// A clip read to its end: its length, its windows, every tag's pooled score (in the model's tag order), and when
/// asked for, every window's probabilities [Windows, Tags], the mean of the tapped layer over its windows, and that
/// layer's output per window [Windows, EmbeddingSize].
/// </summary>
public sealed record ClipScored(
    ClipRef Clip,
    double Seconds,
    int Windows,
    float[] Scores,
    float[]? Timeline,
    float[]? Embedding,
    float[]? WindowEmbeddings,
    IReadOnlyList<string> Warnings) : ClipOutcome(Clip);

/// <summary>A clip that could not be read, and why (<see cref="Failure"/>: the kind, when the audio reader said it).</summary>
public sealed record ClipNotScored(ClipRef Clip, string Reason) : ClipOutcome(Clip)
{
    public Pipeline.Streams.Audio.AudioReadFailure? Failure { get; init; }
}
