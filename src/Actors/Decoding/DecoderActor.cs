using Akka.Actor;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Serilog;

namespace Pipeline.Actors.Decoding;

/// <summary>Thrown by a decoder when its clip cannot be read; it fails the decoder, which is then restarted.</summary>
public sealed class ClipDecodeException(ClipRef clip, IActorRef replyTo, Exception cause)
    : Exception($"cannot decode {clip.AudioPath}: {cause.Message}", cause)
{
    public IActorRef ReplyTo { get; } = replyTo;

    public ClipFailed Failure { get; } = cause is AudioReadException read
        ? ClipFailed.From(clip, read)
        : new ClipFailed(clip, null, $"decoder crashed: {cause.GetType().Name}: {cause.Message}");
}

/// <summary>
/// Holds one clip at a time, open, and reads it a chunk of samples per request (decoded and resampled to the
/// pipeline's rate) on a thread of its own (native decoding blocks), so a clip of any length is read with the memory
/// of one chunk. A clip that cannot be read, at opening or at any chunk (the last one runs the end-of-stream checks),
/// fails the decoder: before the restart it answers the request with the clip's <see cref="ClipFailed"/>, so the
/// stream goes on and the failure travels on as a value. A clip nobody asks about for <c>idleRelease</c> (its stream
/// gave up on it) is closed.
/// </summary>
public sealed class DecoderActor : ReceiveActor
{
    private readonly Func<ClipRef, ClipAudioReader> _open;
    private readonly TimeSpan _idleRelease;
    private (OpenClip Request, ClipAudioReader Reader)? _held;

    public DecoderActor(Func<ClipRef, ClipAudioReader> open, TimeSpan idleRelease)
    {
        _open = open;
        _idleRelease = idleRelease;
        Receive<OpenClip>(Open);
        Receive<ReadAudio>(request => _held?.Request.Lease == request.Lease, Read);
        Receive<ReleaseClip>(release => _held?.Request.Lease == release.Lease, _ => Close());
        Receive<ReceiveTimeout>(_ =>
        {
            if (_held is { } held)
                Log.Warning("{File}: nobody asked for its audio for {Idle}; closing it", held.Request.Clip.AudioPath, _idleRelease);
            Close();
        });
    }

    public static Props Props(Func<ClipRef, ClipAudioReader> open, TimeSpan idleRelease, string dispatcher) =>
        Akka.Actor.Props.Create(() => new DecoderActor(open, idleRelease)).WithDispatcher(dispatcher);

    private void Open(OpenClip request)
    {
        // The pool hands clips only to free decoders; a clip still held here was abandoned by its stream.
        _held?.Reader.Dispose();
        ClipAudioReader reader;
        try
        {
            reader = _open(request.Clip);
        }
        catch (Exception e)
        {
            throw new ClipDecodeException(request.Clip, request.ReplyTo, e);
        }
        _held = (request, reader);
        SetReceiveTimeout(_idleRelease);
        request.ReplyTo.Tell(new ClipOpened(request.Lease, Self));
    }

    private void Read(ReadAudio request)
    {
        var (opened, reader) = _held!.Value;
        float[] samples;
        try
        {
            samples = reader.Read(request.MaxSamples);
        }
        catch (Exception e)
        {
            throw new ClipDecodeException(opened.Clip, request.ReplyTo, e);
        }
        var events = new List<ClipEvent>(2);
        if (samples.Length > 0)
            events.Add(new AudioChunk(opened.Clip, new ArraySamples(samples)));
        if (reader.Ended)
        {
            events.Add(new ClipEnded(opened.Clip, reader.Seconds, [.. reader.Warnings]));
            Close();
        }
        request.ReplyTo.Tell(new AudioRead(events));
    }

    private void Close()
    {
        if (_held is not { } held)
            return;
        _held = null;
        held.Reader.Dispose();
        SetReceiveTimeout(null);
        Context.Parent.Tell(DecoderReady.Instance);
    }

    protected override void PreStart() => Context.Parent.Tell(DecoderReady.Instance);

    protected override void PreRestart(Exception reason, object message)
    {
        if (reason is ClipDecodeException failure)
            failure.ReplyTo.Tell(new AudioRead([failure.Failure]));
        else if (message is OpenClip open)
            open.ReplyTo.Tell(new AudioRead([new ClipFailed(open.Clip, null, $"decoder crashed: {reason.GetType().Name}: {reason.Message}")]));
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        _held?.Reader.Dispose();
        _held = null;
    }
}
