using Akka.Actor;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Decoding;

/// <summary>Decode <see cref="Clip"/> and tell the outcome to <see cref="ReplyTo"/>.</summary>
public sealed record DecodeRequest(ClipRef Clip, IActorRef ReplyTo);

/// <summary>A decoder is free for the next request (sent on start and after every restart).</summary>
public sealed record DecoderReady
{
    public static DecoderReady Instance { get; } = new();
}

public sealed record GetDecoderStats
{
    public static GetDecoderStats Instance { get; } = new();
}

public sealed record DecoderStats(long Decoded, long Failed, long Restarts);
