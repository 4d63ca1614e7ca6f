using Pipeline.Streams.Audio;

namespace Pipeline.Streams.Provider;

/// <summary>What decoding one clip gave: its audio, or the reason it was skipped.</summary>
public abstract record DecodeOutcome(ClipRef Clip);

public sealed record ClipDecoded(ClipRef Clip, DecodedAudio Audio) : DecodeOutcome(Clip);

/// <summary>A clip that could not be decoded; <see cref="Failure"/> is null for an unexpected exception.</summary>
public sealed record ClipFailed(ClipRef Clip, AudioReadFailure? Failure, string Reason) : DecodeOutcome(Clip);
