using Akka.Actor;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Tagging;
using Serilog;

namespace Pipeline.Actors.Tagging;

/// <summary>Thrown by a window decoder when its file cannot be read; it fails the decoder, which is then restarted.</summary>
public sealed class FileDecodeException(AudioFile file, IActorRef replyTo, Exception cause)
    : Exception($"cannot decode {file.Path}: {cause.Message}", cause)
{
    public IActorRef ReplyTo { get; } = replyTo;

    public FileFailed Failure { get; } = cause is AudioReadException read
        ? FileFailed.From(file, read)
        : new FileFailed(file, null, $"decoder crashed: {cause.GetType().Name}: {cause.Message}");
}

/// <summary>
/// Holds one file at a time, open, and reads it a chunk of windows per request on a thread of its own (native
/// decoding blocks), so a file of any length is read with the memory of one chunk. A file that cannot be read, at
/// opening or at any chunk (the last one runs the end-of-stream checks), fails the decoder: before the restart it
/// answers the request with <see cref="FileFailed"/>, so the stream goes on and the failure travels on as a value.
/// A file nobody asks about for <c>idleRelease</c> (its stream gave up on it) is closed.
/// </summary>
public sealed class WindowDecoder : ReceiveActor
{
    private readonly Func<AudioFile, StreamingWindowReader> _open;
    private readonly int _chunkWindows;
    private readonly TimeSpan _idleRelease;
    private (OpenFile Request, StreamingWindowReader Reader)? _held;

    public WindowDecoder(Func<AudioFile, StreamingWindowReader> open, int chunkWindows, TimeSpan idleRelease)
    {
        _open = open;
        _chunkWindows = chunkWindows;
        _idleRelease = idleRelease;
        Receive<OpenFile>(Open);
        Receive<ReadWindows>(request => _held?.Request.Lease == request.Lease, Read);
        Receive<ReleaseFile>(release => _held?.Request.Lease == release.Lease, _ => Close());
        Receive<ReceiveTimeout>(_ =>
        {
            if (_held is { } held)
                Log.Warning("{File}: nobody asked for its windows for {Idle}; closing it", held.Request.File.Path, _idleRelease);
            Close();
        });
    }

    public static Props Props(Func<AudioFile, StreamingWindowReader> open, int chunkWindows, TimeSpan idleRelease, string dispatcher) =>
        Akka.Actor.Props.Create(() => new WindowDecoder(open, chunkWindows, idleRelease)).WithDispatcher(dispatcher);

    private void Open(OpenFile request)
    {
        // The pool hands files only to free decoders; a file still held here was abandoned by its stream.
        _held?.Reader.Dispose();
        StreamingWindowReader reader;
        try
        {
            reader = _open(request.File);
        }
        catch (Exception e)
        {
            throw new FileDecodeException(request.File, request.ReplyTo, e);
        }
        _held = (request, reader);
        SetReceiveTimeout(_idleRelease);
        request.ReplyTo.Tell(new FileOpened(request.Lease, Self));
    }

    private void Read(ReadWindows request)
    {
        var (opened, reader) = _held!.Value;
        var first = reader.Windows;
        List<float[]> windows;
        try
        {
            windows = reader.Read(_chunkWindows);
        }
        catch (Exception e)
        {
            throw new FileDecodeException(opened.File, request.ReplyTo, e);
        }
        var events = new List<FileEvent>(2);
        if (windows.Count > 0)
            events.Add(new FileWindows(opened.File, first, windows));
        if (reader.Ended)
        {
            events.Add(new FileEnded(opened.File, reader.Windows, reader.Seconds, [.. reader.Warnings]));
            Close();
        }
        request.ReplyTo.Tell(new FileChunk(events));
    }

    private void Close()
    {
        if (_held is not { } held)
            return;
        _held = null;
        held.Reader.Dispose();
        SetReceiveTimeout(null);
        Context.Parent.Tell(WindowDecoderReady.Instance);
    }

    protected override void PreStart() => Context.Parent.Tell(WindowDecoderReady.Instance);

    protected override void PreRestart(Exception reason, object message)
    {
        var failure = reason as FileDecodeException;
        failure?.ReplyTo.Tell(new FileChunk([failure.Failure]));
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        _held?.Reader.Dispose();
        _held = null;
    }
}
