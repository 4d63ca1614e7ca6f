using Akka.Actor;
using Pipeline.Actors.Plumbing;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;

namespace Pipeline.Actors.Decoding;

/// <summary>
/// The one pool of decoders every job reads audio through: a fixed set of <see cref="DecoderActor"/>s, each on a
/// thread of its own; each clip goes to a free one (a slow file does not hold up the others), and a decoder that fails
/// on a bad file is restarted (the file's failure has gone on as a value by then).
/// </summary>
public sealed class DecoderPool : ReceiveActor
{
    private readonly Queue<OpenClip> _waiting = new();
    private readonly Queue<IActorRef> _free = new();
    private long _opened;
    private long _failed;
    private long _restarts;

    public DecoderPool(int decoders, Func<ClipRef, ClipAudioReader> open, TimeSpan idleRelease, string dispatcher)
    {
        for (var i = 0; i < decoders; i++)
            Context.ActorOf(DecoderActor.Props(open, idleRelease, dispatcher), $"decoder-{i}");
        Receive<OpenClip>(request =>
        {
            _waiting.Enqueue(request);
            Dispatch();
        });
        Receive<DecoderReady>(_ =>
        {
            _free.Enqueue(Sender);
            Dispatch();
        });
        Receive<GetDecoderStats>(_ => Sender.Tell(new DecoderStats(_opened - _failed, _failed, _restarts)));
    }

    public static Props Props(int decoders, Func<ClipRef, ClipAudioReader> open, TimeSpan idleRelease, string dispatcher = Dispatchers.Decoder) =>
        Akka.Actor.Props.Create(() => new DecoderPool(decoders, open, idleRelease, dispatcher));

    private void Dispatch()
    {
        while (_waiting.Count > 0 && _free.Count > 0)
        {
            _free.Dequeue().Tell(_waiting.Dequeue());
            _opened++;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(localOnlyDecider: _ =>
        {
            _restarts++;
            _failed++;
            return Directive.Restart;
        }, loggingEnabled: false);
}
