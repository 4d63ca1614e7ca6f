using Akka.Actor;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Decoding;

/// <summary>
/// The stream's view of the decoder pool: each clip is a request to the <see cref="DecoderSupervisor"/>, answered
/// with the decoded audio or, when the file is bad, with <see cref="ClipFailed"/> after the decoder's restart.
/// </summary>
public sealed class SupervisedDecoders : IClipDecoder
{
    private readonly TimeSpan _timeout;

    private SupervisedDecoders(IActorRef supervisor, TimeSpan timeout)
    {
        Supervisor = supervisor;
        _timeout = timeout;
    }

    public IActorRef Supervisor { get; }

    public static SupervisedDecoders Start(IActorRefFactory system, int decoders, TimeSpan timeout, string name = "decoders") =>
        Start(system, decoders, timeout, AudioFileReader.Read, name);

    public static SupervisedDecoders Start(IActorRefFactory system, int decoders, TimeSpan timeout, Func<string, DecodedAudio> decode, string name = "decoders") =>
        new(system.ActorOf(DecoderSupervisor.Props(decoders, decode), name), timeout);

    public async Task<DecodeOutcome> DecodeAsync(ClipRef clip)
    {
        try
        {
            return await Supervisor.Ask<DecodeOutcome>(replyTo => new DecodeRequest(clip, replyTo), _timeout, CancellationToken.None);
        }
        catch (AskTimeoutException)
        {
            return new ClipFailed(clip, null, $"decoding took longer than {_timeout.TotalSeconds:F0} s");
        }
    }

    public Task<DecoderStats> StatsAsync() => Supervisor.Ask<DecoderStats>(GetDecoderStats.Instance, TimeSpan.FromSeconds(10));
}
