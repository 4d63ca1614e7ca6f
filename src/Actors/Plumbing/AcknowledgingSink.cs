using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Pipeline.Actors.Plumbing;

/// <summary>
/// Delivers a stream's elements to an actor that acknowledges each one (the trainer, a coordinator taking a worker's
/// stream), holding at most one more: Akka's default would buffer 16 elements in the sink, outside every bound the
/// pipeline keeps.
/// </summary>
public static class AcknowledgingSink
{
    public static Sink<T, NotUsed> To<T>(IActorRef consumer, object onInit, object ack, object onComplete, Func<Exception, object> onFailure) =>
        Sink.ActorRefWithAck<T>(consumer, onInit, ack, onComplete, onFailure).WithAttributes(Attributes.CreateInputBuffer(1, 1));
}
