using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Cache;
using Pipeline.Streams.Provider.Stages;

namespace Pipeline.Streams.Provider;

/// <summary>
/// The one data graph used by extraction, training and evaluation:
/// clip source -> decode -> downsample -> segment -> shuffle -> batch -> consumer.
/// Audio comes either from the files (supervised decoders, failure guard, resampling) or from the audio cache.
/// Every stage is bounded, so what is in flight does not depend on the dataset's size (see
/// <see cref="ProviderSettings.MaxClipsInFlight"/>); run the graphs with <see cref="Materializer"/>.
/// </summary>
public sealed class DataProvider(ProviderSettings settings)
{
    public ProviderSettings Settings { get; } = settings;

    /// <summary>
    /// A materializer whose asynchronous boundaries buffer <see cref="ProviderSettings.StreamBuffer"/> elements
    /// (Akka's default is 16, and boundaries take their size from the materializer, not from stage attributes).
    /// </summary>
    public IMaterializer Materializer(ActorSystem system) =>
        system.Materializer(ActorMaterializerSettings.Create(system).WithInputBuffer(Settings.StreamBuffer, Settings.StreamBuffer));

    /// <summary>
    /// Decode -> failure guard -> downsample, passing failures on (extraction records them). <paramref name="earlierSuccesses"/>
    /// counts clips decoded before this stream (a resumed extraction), which the guard weighs against failures.
    /// </summary>
    public Flow<ClipRef, DecodeOutcome, NotUsed> DecodeAndDownsample(IClipDecoder decoder, Resampler resampler, long earlierSuccesses = 0) =>
        Flow.Create<ClipRef>()
            .SelectAsync(Settings.DecodeParallelism, decoder.DecodeAsync).Named("decode")
            .Via(new FailureGuardStage(Settings.FailureWindow, Settings.MaxFailureFraction, earlierSuccesses))
            .SelectAsync(Settings.DecodeParallelism, outcome => outcome is ClipDecoded decoded && decoded.Audio.SampleRate != resampler.OutputRate
                ? Task.Run(() => (DecodeOutcome)(decoded with { Audio = resampler.ToOutputRate(decoded.Audio) }))
                : Task.FromResult(outcome)).Named("downsample");

    /// <summary>
    /// Audio straight from the files; clips that fail were already reported by the decoders and are dropped.
    /// <paramref name="earlierSuccesses"/> as in <see cref="DecodeAndDownsample"/>: a worker node's partition is one
    /// piece of a larger run, so a partition of leftover bad files is not a systematic failure.
    /// </summary>
    public Flow<ClipRef, ClipAudio, NotUsed> AudioFromFiles(IClipDecoder decoder, Resampler resampler, long earlierSuccesses = 0) =>
        DecodeAndDownsample(decoder, resampler, earlierSuccesses)
            .Collect(outcome => outcome is ClipDecoded, outcome =>
            {
                var decoded = (ClipDecoded)outcome;
                return new ClipAudio(decoded.Clip, new ArraySamples(decoded.Audio.Samples));
            });

    /// <summary>Audio from the cache made by `extract --audio` (already at the pipeline's rate).</summary>
    public static Flow<ClipRef, ClipAudio, NotUsed> AudioFromCache(AudioCache cache) =>
        Flow.Create<ClipRef>().Select(clip => new ClipAudio(clip, cache.SamplesOf(clip.Id))).Named("cache-read");

    /// <summary>
    /// One epoch of training batches: clips in a seeded order, windows per <see cref="ProviderSettings.TrainingWindows"/>,
    /// a seeded shuffle buffer, batches of <paramref name="batchSize"/>. Same seed and epoch, same batches.
    /// </summary>
    public Source<Batch, NotUsed> TrainingBatches(IReadOnlyList<ClipRef> clips, Flow<ClipRef, ClipAudio, NotUsed> audio,
        int batchSize, int seed, int epoch)
    {
        var length = Settings.SegmentSamples;
        var segments = Source.From(Seeds.Shuffled(clips, Seeds.Derive(seed, epoch, 0)))
            .Via(audio)
            .Async()
            .Via(Segment(clip => Settings.TrainingWindows == TrainingWindows.Random
                ? [Segmenter.RandomWindow(clip, length, seed, epoch)]
                : Segmenter.AllWindows(clip, length)));
        return segments
            .Via(new ShuffleStage<Segment>(Settings.ShuffleBuffer, Seeds.Derive(seed, epoch, 1)))
            .Grouped(batchSize)
            .Select(group => Batch.From(group.ToList())).Named("batch");
    }

    /// <summary>Every non-overlapping window of every clip, in clip order, each row tagged with its clip.</summary>
    public Source<Batch, NotUsed> EvaluationBatches(IReadOnlyList<ClipRef> clips, Flow<ClipRef, ClipAudio, NotUsed> audio, int batchSize) =>
        Source.From(clips)
            .Via(audio)
            .Async()
            .Via(Segment(clip => Segmenter.AllWindows(clip, Settings.SegmentSamples)))
            .Grouped(batchSize)
            .Select(group => Batch.From(group.ToList())).Named("batch");

    /// <summary>
    /// Delivers batches to an actor that acknowledges each one (the trainer, the evaluator) and holds at most one
    /// more: Akka's default would buffer 16 batches in the sink, outside the provider's bound.
    /// </summary>
    public static Sink<Batch, NotUsed> ToAcknowledgingActor(IActorRef consumer, object onInit, object ack, object onComplete,
        Func<Exception, object> onFailure) =>
        Sink.ActorRefWithAck<Batch>(consumer, onInit, ack, onComplete, onFailure)
            .WithAttributes(Attributes.CreateInputBuffer(1, 1));

    private static Flow<ClipAudio, Segment, NotUsed> Segment(Func<ClipAudio, IEnumerable<Segment>> windows) =>
        Flow.Create<ClipAudio>().SelectMany(windows).Named("segment");
}
