using Akka.Actor;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Decoding;

/// <summary>
/// Owns a fixed set of <see cref="Decoder"/>s, hands each request to a free one (a slow file does not hold up the
/// others), and restarts a decoder that fails on a bad file (the file's failure goes on as a value, reported by the
/// stream).
/// </summary>
public sealed class DecoderSupervisor : ReceiveActor
{
    public const string DecoderDispatcher = "akka.actor.decoder-dispatcher";

    private readonly Queue<DecodeRequest> _waiting = new();
    private readonly Queue<IActorRef> _free = new();
    private long _decoded;
    private long _failed;
    private long _restarts;

    public DecoderSupervisor(int decoders, Func<ClipRef, Pipeline.Streams.Audio.DecodedAudio> decode, string dispatcher)
    {
        for (var i = 0; i < decoders; i++)
            Context.ActorOf(Decoder.Props(decode, dispatcher), $"decoder-{i}");

        Receive<DecodeRequest>(request =>
        {
            _waiting.Enqueue(request);
            Dispatch();
        });
        Receive<DecoderReady>(_ =>
        {
            _free.Enqueue(Sender);
            Dispatch();
        });
        Receive<GetDecoderStats>(_ => Sender.Tell(new DecoderStats(_decoded, _failed, _restarts)));
    }

    public static Props Props(int decoders, Func<ClipRef, Pipeline.Streams.Audio.DecodedAudio> decode, string dispatcher = DecoderDispatcher) =>
        Akka.Actor.Props.Create(() => new DecoderSupervisor(decoders, decode, dispatcher));

    private void Dispatch()
    {
        while (_waiting.Count > 0 && _free.Count > 0)
        {
            _free.Dequeue().Tell(_waiting.Dequeue());
            _decoded++;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(localOnlyDecider: failure =>
        {
            _restarts++;
            _decoded--;
            _failed++;
            return Directive.Restart;
        }, loggingEnabled: false);
}
