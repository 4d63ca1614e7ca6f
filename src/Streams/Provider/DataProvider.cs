using System.Collections.Immutable;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Streams.Provider.Stages;

namespace Pipeline.Streams.Provider;

/// <summary>
/// The one data graph of every job, assembled from its parts:
/// <code>
///   clips (seeded order) -> audio -> failure guard -> windows -> shuffle -> batch
/// </code>
/// The audio stage is swappable (<see cref="AudioFlows"/>: decoders over the files, or the audio cache), and a
/// worker node runs the prefix up to the windows while the trainer node runs the tail on what the workers send.
/// Training, evaluation, extraction and the cluster all take their part from here. Every stage is bounded, so
/// what is in flight does not depend on the dataset's size (<see cref="ProviderSettings.MaxClipsInFlight"/>).
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
    /// The audio stage and the failure guard, which reports every failed clip once. <paramref name="earlierSuccesses"/>
    /// counts clips decoded outside this stream (a resumed extraction, the rest of a distributed epoch), which the
    /// guard weighs against failures.
    /// </summary>
    public Flow<ClipRef, DecodeOutcome, NotUsed> Guarded(Flow<ClipRef, DecodeOutcome, NotUsed> audio, long earlierSuccesses = 0) =>
        audio.Via(new FailureGuardStage(Settings.FailureWindow, Settings.MaxFailureFraction, earlierSuccesses));

    /// <summary>The prefix: <paramref name="clips"/> in the order given, each answered with its windows (none if it failed).</summary>
    public Source<ClipSegments, NotUsed> Windows(IEnumerable<ClipRef> clips, Flow<ClipRef, DecodeOutcome, NotUsed> audio,
        TrainingWindows windows, int seed, int epoch, long earlierSuccesses = 0, Augmentation? augmentation = null) =>
        Source.From(clips)
            .Via(Guarded(audio, earlierSuccesses))
            .Async()
            .Via(WindowFlows.Cut(windows, Settings.SegmentSamples, seed, epoch, augmentation));

    /// <summary>The training tail: a seeded, bounded shuffle of the windows, then batches.</summary>
    public Flow<ClipSegments, Batch, NotUsed> ShuffleAndBatch(int batchSize, int seed, int epoch) =>
        Flow.Create<ClipSegments>()
            .SelectMany(clip => clip.Segments)
            .Via(new ShuffleStage<Segment>(Settings.ShuffleBuffer, Seeds.For(SeedStream.Shuffle, seed, epoch)))
            .Via(BatchFlows.Training(batchSize));

    /// <summary>
    /// One epoch of training batches: same seed and epoch, same batches. With every window and
    /// <paramref name="randomAccess"/> audio (samples read on demand, as the cache's are) the epoch is a permutation
    /// of all (clip, window) pairs (<see cref="PermutedBatches"/>); otherwise the windows go through the shuffle buffer.
    /// </summary>
    public Source<Batch, NotUsed> TrainingBatches(IReadOnlyList<ClipRef> clips, Flow<ClipRef, DecodeOutcome, NotUsed> audio,
        int batchSize, int seed, int epoch, bool randomAccess = false) =>
        randomAccess && Settings.TrainingWindows == TrainingWindows.All
            ? PermutedBatches(clips, audio, batchSize, seed, epoch)
            : Windows(EpochOrder(clips, seed, epoch), audio, Settings.TrainingWindows, seed, epoch, augmentation: Settings.Augmentation)
                .Via(ShuffleAndBatch(batchSize, seed, epoch));

    /// <summary>
    /// Every window of every clip in a seeded uniform order: the clips pass the audio stage and the failure guard
    /// (which reports the missing ones), then <see cref="WindowPermutation"/> cuts the windows in the epoch's order,
    /// the same windows (and augmentation) the shuffle-buffer path would cut. Holds every clip's
    /// <see cref="IClipSamples"/>, which for the cache are pointers into its shards.
    /// </summary>
    public Source<Batch, NotUsed> PermutedBatches(IReadOnlyList<ClipRef> clips, Flow<ClipRef, DecodeOutcome, NotUsed> randomAccessAudio,
        int batchSize, int seed, int epoch) =>
        Source.From(clips)
            .Via(Guarded(randomAccessAudio))
            .Where(outcome => outcome is ClipDecoded)
            .Aggregate(ImmutableList<WindowGrid>.Empty, (grids, outcome) =>
                grids.Add(WindowGrid.Of((ClipDecoded)outcome, Settings.SegmentSamples, seed, epoch, Settings.Augmentation)))
            .SelectMany(grids => WindowPermutation.Of(grids, Seeds.For(SeedStream.WindowOrder, seed, epoch)))
            .Via(BatchFlows.Training(batchSize));

    /// <summary>Every non-overlapping window of every clip, in clip order, each row tagged with its clip.</summary>
    public Source<Batch, NotUsed> EvaluationBatches(IReadOnlyList<ClipRef> clips, Flow<ClipRef, DecodeOutcome, NotUsed> audio, int batchSize) =>
        Windows(clips, audio, TrainingWindows.All, seed: 0, epoch: 0)
            .SelectMany(clip => clip.Segments)
            .Via(BatchFlows.Evaluation(batchSize));

    /// <summary>The order an epoch reads its clips in.</summary>
    public static IReadOnlyList<ClipRef> EpochOrder(IReadOnlyList<ClipRef> clips, int seed, int epoch) =>
        Seeds.Shuffled(clips, Seeds.For(SeedStream.ClipOrder, seed, epoch));

    /// <summary>
    /// Delivers batches to an actor that acknowledges each one (the trainer, the evaluator) and holds at most one
    /// more: Akka's default would buffer 16 batches in the sink, outside the provider's bound.
    /// </summary>
    public static Sink<T, NotUsed> ToAcknowledgingActor<T>(IActorRef consumer, object onInit, object ack, object onComplete,
        Func<Exception, object> onFailure) =>
        Sink.ActorRefWithAck<T>(consumer, onInit, ack, onComplete, onFailure).WithAttributes(Attributes.CreateInputBuffer(1, 1));
}
