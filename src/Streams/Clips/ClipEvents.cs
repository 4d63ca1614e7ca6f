using Pipeline.Shared;
using Pipeline.Streams.Audio;

namespace Pipeline.Streams.Clips;

/// <summary>
/// What the one path says about a clip, in order: its audio (whole, or in chunks as it is read), its windows, and how
/// it ended. Failures travel as values (<see cref="ClipFailed"/>); <see cref="Graph.Stages.FailureGuardStage"/>
/// reports each once, and every later stage decides what a failed clip means for it.
/// </summary>
public abstract record ClipEvent(ClipRef Clip);

/// <summary>A run of a clip's samples at the pipeline's rate, in order: a chunk of a file being read, or a cached clip in one piece.</summary>
public sealed record AudioChunk(ClipRef Clip, IClipSamples Samples) : ClipEvent(Clip);

/// <summary>A clip's whole audio at <see cref="SampleRate"/> (training needs its length before it cuts it), and what was odd about its file.</summary>
public sealed record ClipDecoded(ClipRef Clip, IClipSamples Samples, int SampleRate) : ClipEvent(Clip)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public double Seconds => (double)Samples.Length / SampleRate;
}

/// <summary>
/// The clip was read to its end: its length at the file's own rate, what was odd about it, and (once cut) how many
/// windows it gave.
/// </summary>
public sealed record ClipEnded(ClipRef Clip, double Seconds, IReadOnlyList<string> Warnings) : ClipEvent(Clip), IClipEnding
{
    public long Windows { get; init; }

    public int ClipIndex => Clip.Index;
}

/// <summary>A clip that cannot be read (<see cref="Failure"/> is null for a decoder crash or a timeout); its windows so far do not count.</summary>
public sealed record ClipFailed(ClipRef Clip, AudioReadFailure? Failure, string Reason) : ClipEvent(Clip), IClipEnding
{
    public int ClipIndex => Clip.Index;

    public static ClipFailed From(ClipRef clip, AudioReadException e) => new(clip, e.Failure, e.Reason);
}

/// <summary>Window <see cref="Index"/> of a clip (counted from 0 in the clip's grid), as the model reads it.</summary>
public sealed record Window(ClipRef Clip, long Index, float[] Samples) : ClipEvent(Clip);

/// <summary>Published on the actor system's event stream for every clip left out because it could not be decoded.</summary>
public sealed record ClipSkipped(ClipRef Clip, string Reason);
