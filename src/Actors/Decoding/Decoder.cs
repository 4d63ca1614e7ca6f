using Akka.Actor;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Decoding;

/// <summary>
/// Decodes one file at a time on its own thread (native decoding blocks). A file that cannot be read fails the
/// decoder: before the restart it answers the request with <see cref="ClipFailed"/>, so the stream goes on and
/// the failure travels on as a value (the stream's failure guard reports it).
/// </summary>
public sealed class Decoder : ReceiveActor
{
    public Decoder(Func<ClipRef, DecodedAudio> decode)
    {
        Receive<DecodeRequest>(request =>
        {
            DecodedAudio audio;
            try
            {
                audio = decode(request.Clip);
            }
            catch (AudioReadException e)
            {
                throw new ClipDecodeException(request.Clip, e);
            }
            request.ReplyTo.Tell(ClipDecoded.From(request.Clip, audio));
            Context.Parent.Tell(DecoderReady.Instance);
        });
    }

    public static Props Props(Func<ClipRef, DecodedAudio> decode, string dispatcher) =>
        Akka.Actor.Props.Create(() => new Decoder(decode)).WithDispatcher(dispatcher);

    protected override void PreStart() => Context.Parent.Tell(DecoderReady.Instance);

    protected override void PreRestart(Exception reason, object message)
    {
        if (message is DecodeRequest request)
        {
            var (failure, why) = reason switch
            {
                ClipDecodeException e => ((AudioReadFailure?)e.Cause.Failure, e.Cause.Reason),
                _ => (null, $"decoder crashed: {reason.GetType().Name}: {reason.Message}"),
            };
            request.ReplyTo.Tell(new ClipFailed(request.Clip, failure, why));
        }
        base.PreRestart(reason, message);
    }
}
