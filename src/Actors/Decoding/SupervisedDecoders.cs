using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Akka.Util;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;

namespace Pipeline.Actors.Decoding;

/// <summary>
/// The files' audio through the one <see cref="DecoderPool"/>, as the stream sees it (<see cref="IClipAudio"/>): a clip
/// read whole, or as a source of its chunks pulled one request at a time from the decoder that holds it (so decoding
/// runs no further ahead than the stream asks). A file that cannot be read, or a decoder that does not answer within
/// the timeout, ends the clip with <see cref="ClipFailed"/>; a source cancelled early releases its clip. Neither form
/// ever fails.
/// </summary>
public sealed class SupervisedDecoders : IClipAudio
{
    private const int WholeChunkSamples = 1 << 22;

    private readonly TimeSpan _timeout;
    private readonly int _sampleRate;
    private readonly int _chunkSamples;
    private long _leases;

    private SupervisedDecoders(IActorRef pool, TimeSpan timeout, int sampleRate, int chunkSamples, string description)
    {
        Pool = pool;
        _timeout = timeout;
        _sampleRate = sampleRate;
        _chunkSamples = chunkSamples;
        Description = description;
    }

    public IActorRef Pool { get; }
    public string Description { get; }
    public bool RandomAccess => false;

    /// <summary>
    /// <paramref name="decoders"/> decoders reading files with <paramref name="audio"/>'s reader at its rate, holding each
    /// clip to the length its dataset states; a decoder that takes longer than <paramref name="timeout"/> for one request
    /// fails its clip. A streamed clip comes in chunks of about <paramref name="chunkSamples"/> samples.
    /// </summary>
    public static SupervisedDecoders Start(IActorRefFactory system, int decoders, TimeSpan timeout, AudioSettings audio,
        int chunkSamples = 1 << 18, string name = "decoders")
    {
        var reader = audio.CreateReader();
        return Start(system, decoders, timeout, clip => ClipAudioReader.Open(reader, clip.AudioPath, clip.StatedLength, audio.SampleRate, audio.ResampleQuality),
            audio.SampleRate, chunkSamples, name, $"audio files ({decoders} decoders, resampled to {audio.SampleRate} Hz)");
    }

    /// <summary>Decoders that turn a clip's path into audio some other way (synthetic audio in tests and benchmarks).</summary>
    public static SupervisedDecoders Start(IActorRefFactory system, int decoders, TimeSpan timeout, Func<string, DecodedAudio> decode, int sampleRate,
        int chunkSamples = 1 << 18, string name = "decoders") =>
        Start(system, decoders, timeout, clip => ClipAudioReader.FromMemory(decode(clip.AudioPath), sampleRate, ResampleQuality.High), sampleRate,
            chunkSamples, name, $"synthetic audio ({decoders} decoders)");

    private static SupervisedDecoders Start(IActorRefFactory system, int decoders, TimeSpan timeout, Func<ClipRef, ClipAudioReader> open,
        int sampleRate, int chunkSamples, string name, string description)
    {
        // A decoder holding a clip that no stream asks about any more (its opening timed out) lets it go after this.
        var idleRelease = TimeSpan.FromTicks(Math.Max(timeout.Ticks * 10, TimeSpan.FromMinutes(10).Ticks));
        return new SupervisedDecoders(system.ActorOf(DecoderPool.Props(decoders, open, idleRelease), name), timeout, sampleRate, chunkSamples, description);
    }

    public Flow<ClipRef, ClipEvent, NotUsed> Whole(int parallelism) =>
        Flow.Create<ClipRef>().SelectAsync(parallelism, ReadWholeAsync).Named("decode");

    public Source<ClipEvent, NotUsed> Stream(ClipRef clip) =>
        Source.UnfoldResourceAsync<IReadOnlyList<ClipEvent>, Lease>(() => OpenAsync(clip), lease => ReadAsync(lease, _chunkSamples), CloseAsync)
            .SelectMany(events => events);

    /// <summary>The whole clip in one array (<see cref="ClipDecoded"/>), or its failure.</summary>
    public async Task<ClipEvent> ReadWholeAsync(ClipRef clip)
    {
        var lease = await OpenAsync(clip);
        var chunks = new List<float[]>();
        while (await ReadAsync(lease, WholeChunkSamples) is { HasValue: true } read)
        {
            foreach (var clipEvent in read.Value)
            {
                switch (clipEvent)
                {
                    case AudioChunk chunk:
                        chunks.Add(((ArraySamples)chunk.Samples).Array);
                        break;
                    case ClipEnded ended:
                        return new ClipDecoded(clip, new ArraySamples(Concatenated(chunks)), _sampleRate) { Warnings = ended.Warnings };
                    case ClipFailed failed:
                        return failed;
                }
            }
        }
        return new ClipFailed(clip, null, "the decoder stopped without ending the clip");
    }

    public Task<DecoderStats> StatsAsync() => Pool.Ask<DecoderStats>(GetDecoderStats.Instance, TimeSpan.FromSeconds(10));

    private static float[] Concatenated(List<float[]> chunks)
    {
        if (chunks.Count == 1)
            return chunks[0];
        var all = new float[chunks.Sum(c => c.Length)];
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(all, at);
            at += chunk.Length;
        }
        return all;
    }

    private async Task<Lease> OpenAsync(ClipRef clip)
    {
        var lease = new Lease(Interlocked.Increment(ref _leases), clip);
        try
        {
            var answer = await Pool.Ask<object>(replyTo => new OpenClip(lease.Id, clip, replyTo), _timeout, CancellationToken.None);
            if (answer is ClipOpened opened)
                lease.Decoder = opened.Decoder;
            else
                (lease.Pending, lease.DecoderDone) = (((AudioRead)answer).Events, true);
        }
        catch (AskTimeoutException)
        {
            lease.Pending = [TookTooLong(clip, "to open it")];
        }
        return lease;
    }

    private async Task<Option<IReadOnlyList<ClipEvent>>> ReadAsync(Lease lease, int maxSamples)
    {
        if (lease.Finished)
            return Option<IReadOnlyList<ClipEvent>>.None;
        if (lease.Pending is { } pending)
        {
            lease.Finished = true;
            return Option<IReadOnlyList<ClipEvent>>.Create(pending);
        }
        IReadOnlyList<ClipEvent> events;
        try
        {
            events = (await lease.Decoder!.Ask<AudioRead>(replyTo => new ReadAudio(lease.Id, maxSamples, replyTo), _timeout, CancellationToken.None)).Events;
            if (events.Count > 0 && events[^1] is ClipEnded or ClipFailed)
                lease.Finished = lease.DecoderDone = true;
        }
        catch (AskTimeoutException)
        {
            events = [TookTooLong(lease.Clip, "for one chunk")];
            lease.Finished = true;
            await CloseAsync(lease);
        }
        return Option<IReadOnlyList<ClipEvent>>.Create(events);
    }

    private ClipFailed TookTooLong(ClipRef clip, string doing) =>
        new(clip, null, $"the decoder took longer than {_timeout.TotalSeconds:F0} s {doing}");

    private static Task<Done> CloseAsync(Lease lease)
    {
        if (!lease.DecoderDone && lease.Decoder is { } decoder)
        {
            decoder.Tell(new ReleaseClip(lease.Id));
            lease.DecoderDone = true;
        }
        return Task.FromResult(Done.Instance);
    }

    private sealed class Lease(long id, ClipRef clip)
    {
        public long Id { get; } = id;
        public ClipRef Clip { get; } = clip;
        public IActorRef? Decoder { get; set; }
        public IReadOnlyList<ClipEvent>? Pending { get; set; }
        public bool Finished { get; set; }
        public bool DecoderDone { get; set; }
    }
}
