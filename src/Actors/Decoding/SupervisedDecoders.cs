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

    /// <summary>Decoders that read each clip's file, holding it to the length its dataset states.</summary>
    public static SupervisedDecoders Start(IActorRefFactory system, int decoders, TimeSpan timeout, AudioFileReader reader, string name = "decoders") =>
        new(system.ActorOf(DecoderSupervisor.Props(decoders, clip => reader.Read(clip.AudioPath, clip.StatedLength)), name), timeout);

    /// <summary>Decoders that turn a clip's path into audio some other way (synthetic audio in tests and benchmarks).</summary>
    public static SupervisedDecoders Start(IActorRefFactory system, int decoders, TimeSpan timeout, Func<string, DecodedAudio> decode, string name = "decoders") =>
        new(system.ActorOf(DecoderSupervisor.Props(decoders, clip => decode(clip.AudioPath)), name), timeout);

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
