using Akka.Actor;
using Pipeline.Streams.Tagging;

namespace Pipeline.Actors.Tagging;

/// <summary>Open <see cref="File"/> on a free decoder; the answer is <see cref="FileOpened"/> or a <see cref="FileFailed"/>.</summary>
public sealed record OpenFile(long Lease, AudioFile File, IActorRef ReplyTo);

/// <summary>The decoder that holds the file for <see cref="Lease"/>; ask it for windows.</summary>
public sealed record FileOpened(long Lease, IActorRef Decoder);

/// <summary>The next chunk of windows of the file held for <see cref="Lease"/>, answered with <see cref="FileChunk"/>.</summary>
public sealed record ReadWindows(long Lease, IActorRef ReplyTo);

/// <summary>A file's next events: windows, then its ending when the chunk reached it.</summary>
public sealed record FileChunk(IReadOnlyList<FileEvent> Events);

/// <summary>The stream no longer wants the file (it was cancelled or gave up waiting): close it.</summary>
public sealed record ReleaseFile(long Lease);

/// <summary>A window decoder is free for the next file (sent on start and after every restart).</summary>
public sealed record WindowDecoderReady
{
    public static WindowDecoderReady Instance { get; } = new();
}
