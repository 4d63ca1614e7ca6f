using Akka.Actor;
using Pipeline.Streams.Clips;

namespace Pipeline.Actors.Decoding;

/// <summary>Open <see cref="Clip"/> on a free decoder; answered with <see cref="ClipOpened"/>, or an <see cref="AudioRead"/> holding its failure.</summary>
public sealed record OpenClip(long Lease, ClipRef Clip, IActorRef ReplyTo);

/// <summary>The decoder that holds the clip for <see cref="Lease"/>; ask it for audio.</summary>
public sealed record ClipOpened(long Lease, IActorRef Decoder);

/// <summary>The next samples (about <see cref="MaxSamples"/>) of the clip held for <see cref="Lease"/>; answered with <see cref="AudioRead"/>.</summary>
public sealed record ReadAudio(long Lease, int MaxSamples, IActorRef ReplyTo);

/// <summary>A clip's next events: a chunk of samples, then its ending (<see cref="ClipEnded"/> or <see cref="ClipFailed"/>) when the read reached it.</summary>
public sealed record AudioRead(IReadOnlyList<ClipEvent> Events);

/// <summary>The stream no longer wants the clip (it was cancelled or gave up waiting): close it.</summary>
public sealed record ReleaseClip(long Lease);

/// <summary>A decoder is free for the next clip (sent on start, after each clip and after every restart).</summary>
public sealed record DecoderReady
{
    public static DecoderReady Instance { get; } = new();
}

public sealed record GetDecoderStats
{
    public static GetDecoderStats Instance { get; } = new();
}

/// <summary>Clips read to their end, clips that failed (each restarted its decoder), restarts.</summary>
public sealed record DecoderStats(long Decoded, long Failed, long Restarts);
