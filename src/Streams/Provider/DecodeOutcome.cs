using Pipeline.Streams.Audio;

namespace Pipeline.Streams.Provider;

/// <summary>
/// What the audio stage gave for one clip, whichever source it reads (decoders, the audio cache): its samples or the
/// reason it has none. Failures travel through the graph as values; <see cref="Stages.FailureGuardStage"/> reports
/// each one once, and every later stage decides what a failed clip means for it.
/// </summary>
public abstract record DecodeOutcome(ClipRef Clip);

/// <summary>A clip's samples at <see cref="SampleRate"/>, and what was odd about its file (decoded anyway).</summary>
public sealed record ClipDecoded(ClipRef Clip, IClipSamples Samples, int SampleRate) : DecodeOutcome(Clip)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static ClipDecoded From(ClipRef clip, DecodedAudio audio) =>
        new(clip, new ArraySamples(audio.Samples), audio.SampleRate) { Warnings = audio.Warnings };
}

/// <summary>A clip that could not be decoded; <see cref="Failure"/> is null for an unexpected exception.</summary>
public sealed record ClipFailed(ClipRef Clip, AudioReadFailure? Failure, string Reason) : DecodeOutcome(Clip);

/// <summary>Published on the actor system's event stream for every clip left out because it could not be decoded.</summary>
public sealed record ClipSkipped(ClipRef Clip, string Reason);
