using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Akka.Util;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Tagging;

namespace Pipeline.Actors.Tagging;

/// <summary>
/// The stream's view of the window decoder pool: each file is a source of its events, pulled a chunk at a time from
/// the decoder that holds it (so decoding runs no further ahead than the stream asks). A file that cannot be read, or
/// a decoder that does not answer within the timeout, ends the file's source with <see cref="FileFailed"/>; a source
/// cancelled early releases its file. The source itself never fails.
/// </summary>
public sealed class SupervisedWindowDecoders
{
    private readonly IActorRef _pool;
    private readonly TimeSpan _timeout;
    private long _leases;

    private SupervisedWindowDecoders(IActorRef pool, TimeSpan timeout)
    {
        _pool = pool;
        _timeout = timeout;
    }

    /// <summary>
    /// <paramref name="decoders"/> decoders reading files as <paramref name="shape"/>'s windows, <paramref name="chunkWindows"/>
    /// per request; a decoder that takes longer than <paramref name="timeout"/> for one request fails its file.
    /// </summary>
    public static SupervisedWindowDecoders Start(IActorRefFactory system, int decoders, TimeSpan timeout, AudioFileReader reader,
        WindowShape shape, ResampleQuality quality, int chunkWindows, string name = "window-decoders")
    {
        // A decoder holding a file that no stream asks about any more (its opening timed out) lets it go after this.
        var idleRelease = TimeSpan.FromTicks(Math.Max(timeout.Ticks * 10, TimeSpan.FromMinutes(10).Ticks));
        var pool = system.ActorOf(WindowDecoderPool.Props(decoders,
            file => StreamingWindowReader.Open(reader, file.Path, shape, quality), chunkWindows, idleRelease), name);
        return new SupervisedWindowDecoders(pool, timeout);
    }

    public Source<FileEvent, NotUsed> Windows(AudioFile file) =>
        Source.UnfoldResourceAsync<IReadOnlyList<FileEvent>, Lease>(() => OpenAsync(file), ReadAsync, CloseAsync)
            .SelectMany(events => events);

    private async Task<Lease> OpenAsync(AudioFile file)
    {
        var lease = new Lease(Interlocked.Increment(ref _leases), file);
        try
        {
            var answer = await _pool.Ask<object>(replyTo => new OpenFile(lease.Id, file, replyTo), _timeout, CancellationToken.None);
            if (answer is FileOpened opened)
            {
                lease.Decoder = opened.Decoder;
            }
            else
            {
                lease.Pending = ((FileChunk)answer).Events;
                lease.DecoderDone = true;
            }
        }
        catch (AskTimeoutException)
        {
            lease.Pending = [TookTooLong(file, "to open it")];
        }
        return lease;
    }

    private async Task<Option<IReadOnlyList<FileEvent>>> ReadAsync(Lease lease)
    {
        if (lease.Finished)
            return Option<IReadOnlyList<FileEvent>>.None;
        if (lease.Pending is { } pending)
        {
            lease.Finished = true;
            return Option<IReadOnlyList<FileEvent>>.Create(pending);
        }
        IReadOnlyList<FileEvent> events;
        try
        {
            events = (await lease.Decoder!.Ask<FileChunk>(replyTo => new ReadWindows(lease.Id, replyTo), _timeout, CancellationToken.None)).Events;
            if (events.Count > 0 && events[^1] is FileEnded or FileFailed)
                lease.Finished = lease.DecoderDone = true;
        }
        catch (AskTimeoutException)
        {
            events = [TookTooLong(lease.File, "for one chunk")];
            lease.Finished = true;
        }
        return Option<IReadOnlyList<FileEvent>>.Create(events);
    }

    private FileFailed TookTooLong(AudioFile file, string doing) =>
        new(file, null, $"the decoder took longer than {_timeout.TotalSeconds:F0} s {doing}");

    private Task<Done> CloseAsync(Lease lease)
    {
        if (!lease.DecoderDone && lease.Decoder is { } decoder)
            decoder.Tell(new ReleaseFile(lease.Id));
        return Task.FromResult(Done.Instance);
    }

    private sealed class Lease(long id, AudioFile file)
    {
        public long Id { get; } = id;
        public AudioFile File { get; } = file;
        public IActorRef? Decoder { get; set; }
        public IReadOnlyList<FileEvent>? Pending { get; set; }
        public bool Finished { get; set; }
        public bool DecoderDone { get; set; }
    }
}
