using Akka.Actor;
using Pipeline.Actors.Decoding;
using Pipeline.Streams.Tagging;

namespace Pipeline.Actors.Tagging;

/// <summary>
/// Owns a fixed set of <see cref="WindowDecoder"/>s, each on a thread of its own, hands each file to a free one,
/// and restarts a decoder that fails on a bad file (the file's failure has gone on as a value by then).
/// </summary>
public sealed class WindowDecoderPool : ReceiveActor
{
    private readonly Queue<OpenFile> _waiting = new();
    private readonly Queue<IActorRef> _free = new();

    public WindowDecoderPool(int decoders, Func<AudioFile, StreamingWindowReader> open, int chunkWindows, TimeSpan idleRelease, string dispatcher)
    {
        for (var i = 0; i < decoders; i++)
            Context.ActorOf(WindowDecoder.Props(open, chunkWindows, idleRelease, dispatcher), $"window-decoder-{i}");
        Receive<OpenFile>(request =>
        {
            _waiting.Enqueue(request);
            Dispatch();
        });
        Receive<WindowDecoderReady>(_ =>
        {
            _free.Enqueue(Sender);
            Dispatch();
        });
    }

    public static Props Props(int decoders, Func<AudioFile, StreamingWindowReader> open, int chunkWindows, TimeSpan idleRelease,
        string dispatcher = DecoderSupervisor.DecoderDispatcher) =>
        Akka.Actor.Props.Create(() => new WindowDecoderPool(decoders, open, chunkWindows, idleRelease, dispatcher));

    private void Dispatch()
    {
        while (_waiting.Count > 0 && _free.Count > 0)
            _free.Dequeue().Tell(_waiting.Dequeue());
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(localOnlyDecider: _ => Directive.Restart, loggingEnabled: false);
}
