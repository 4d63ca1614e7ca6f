namespace Pipeline.Streams.Tagging;

/// <summary>How a file's score for a tag is made from its windows' probabilities.</summary>
public enum ScorePooling
{
    Mean,
    Max,
}

/// <summary>What the regrouping keeps of every file besides its pooled scores.</summary>
public sealed record RegroupOptions(ScorePooling Pooling, bool KeepTimeline, bool KeepWindowEmbeddings);

/// <summary>What tagging gave for one file, in the order files complete.</summary>
public abstract record FileOutcome(AudioFile File);

/// <summary>
/// A file read to its end: its length, its windows, every tag's pooled score (in the model's tag order), and when
/// asked for, every window's probabilities [Windows, Tags], the mean of the tapped layer over its windows, and that
/// layer's output per window [Windows, EmbeddingSize].
/// </summary>
public sealed record FileTagged(
    AudioFile File,
    double Seconds,
    int Windows,
    float[] Scores,
    float[]? Timeline,
    float[]? Embedding,
    float[]? WindowEmbeddings,
    IReadOnlyList<string> Warnings) : FileOutcome(File);

/// <summary>A file that could not be read, and why.</summary>
public sealed record FileNotTagged(AudioFile File, string Reason) : FileOutcome(File);
