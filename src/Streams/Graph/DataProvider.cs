using System.Collections.Immutable;
using Akka;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Shared.Random;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Streams.Windows;

namespace Pipeline.Streams.Graph;

/// <summary>
/// The data graphs of training and extraction, assembled from the one path's parts:
/// <code>
///   clips (seeded order) -> audio (whole clips) -> failure guard -> windows -> shuffle -> batch
/// </code>
/// The audio is swappable (<see cref="IClipAudio"/>: decoders over the files, or the audio cache); a worker node runs
/// the prefix up to the windows while the trainer node runs the tail on what the workers send. Scoring (evaluation,
/// tagging) reads the same audio through the same stages in <see cref="ScoringGraph"/>. Every stage holds a bounded
/// number of clips (<see cref="ProviderSettings.MaxClipsInFlight"/>), except the permutation of every window of
/// random-access audio, which holds a pointer per clip of the split (<see cref="PermutedBatches"/>).
/// </summary>
public sealed class DataProvider(ProviderSettings settings)
{
    public ProviderSettings Settings { get; } = settings;

    /// <summary>Every clip whole, in the order given, past the failure guard (extraction reads them so).</summary>
    public Source<ClipEvent, NotUsed> Decoded(IEnumerable<ClipRef> clips, IClipAudio audio, long earlierSuccesses = 0) =>
        Source.From(clips)
            .Via(audio.Whole(Settings.DecodeParallelism))
            .Via(new FailureGuardStage(Settings.Failures with { EarlierSuccesses = earlierSuccesses }));

    /// <summary>
    /// The prefix: <paramref name="clips"/> in the order given, each answered with the windows the epoch draws from it
    /// and then its ending (a failed clip with its failure alone).
    /// </summary>
    public Source<ClipEvent, NotUsed> Windows(IEnumerable<ClipRef> clips, IClipAudio audio, int seed, int epoch, long earlierSuccesses = 0) =>
        Decoded(clips, audio, earlierSuccesses)
            .Async()
            .Via(new WindowStage(TrainingPlan(seed, epoch)));

    /// <summary>The training tail: a seeded, bounded shuffle of the windows, then batches (never one of a single window).</summary>
    public Flow<ClipEvent, Batch, NotUsed> ShuffleAndBatch(int batchSize, int seed, int epoch) =>
        Flow.Create<ClipEvent>()
            .Collect(clipEvent => clipEvent as Window)
            .Via(new ShuffleStage<Window>(Settings.ShuffleBuffer, Seeds.For(SeedStream.Shuffle, seed, epoch)))
            .Select(window => (ClipEvent)window)
            .Via(new BatchStage(batchSize, Settings.WindowSamples, neverLone: true));

    /// <summary>
    /// One epoch of training batches: same seed and epoch, same batches. With every window and random-access audio
    /// (the cache) the epoch is a permutation of all (clip, window) pairs (<see cref="PermutedBatches"/>); otherwise the
    /// windows go through the shuffle buffer.
    /// </summary>
    public Source<Batch, NotUsed> TrainingBatches(IReadOnlyList<ClipRef> clips, IClipAudio audio, int batchSize, int seed, int epoch) =>
        audio.RandomAccess && Settings.TrainingWindows == TrainingWindows.All
            ? PermutedBatches(clips, audio, batchSize, seed, epoch)
            : Windows(EpochOrder(clips, seed, epoch), audio, seed, epoch).Via(ShuffleAndBatch(batchSize, seed, epoch));

    /// <summary>
    /// Every window of every clip in a seeded uniform order: the clips pass the audio and the failure guard (which
    /// reports the missing ones), then <see cref="WindowPermutation"/> cuts the windows in the epoch's order, the same
    /// windows (and augmentation) the shuffle-buffer path would cut. Holds every clip's samples, which for the cache
    /// are pointers into its shards.
    /// </summary>
    public Source<Batch, NotUsed> PermutedBatches(IReadOnlyList<ClipRef> clips, IClipAudio randomAccessAudio, int batchSize, int seed, int epoch)
    {
        var plan = TrainingPlan(seed, epoch);
        return Decoded(clips, randomAccessAudio)
            .Collect(clipEvent => clipEvent as ClipDecoded)
            .Aggregate(ImmutableList<(ClipDecoded, WindowGrid)>.Empty,
                (grids, decoded) => grids.Add((decoded, plan.ForWhole(decoded.Clip, decoded.Samples.Length))))
            .SelectMany(grids => WindowPermutation.Of(grids, Seeds.For(SeedStream.WindowOrder, seed, epoch)).Select(window => (ClipEvent)window))
            .Via(new BatchStage(batchSize, Settings.WindowSamples, neverLone: true));
    }

    /// <summary>The order an epoch reads its clips in.</summary>
    public static IReadOnlyList<ClipRef> EpochOrder(IReadOnlyList<ClipRef> clips, int seed, int epoch) =>
        Seeds.Shuffled(clips, Seeds.For(SeedStream.ClipOrder, seed, epoch));

    private WindowPlan TrainingPlan(int seed, int epoch) =>
        WindowPlan.Training(Settings.TrainingWindows, Settings.WindowSamples, seed, epoch, Settings.Augmentation);
}
