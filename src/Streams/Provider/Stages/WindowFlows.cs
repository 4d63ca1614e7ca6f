using Akka;
using Akka.Streams.Dsl;

namespace Pipeline.Streams.Provider.Stages;

/// <summary>
/// Which windows a clip gives an epoch: one at a random offset, or every non-overlapping one (training on every
/// window, and evaluation), varied by the <see cref="Augmentation"/> in training. A clip that failed gives none,
/// but is still answered for with its (empty) set.
/// </summary>
public static class WindowFlows
{
    public static Flow<DecodeOutcome, ClipSegments, NotUsed> Cut(TrainingWindows windows, int length, int seed, int epoch,
        Augmentation? augmentation = null) =>
        Flow.Create<DecodeOutcome>().Select(outcome => outcome is ClipDecoded decoded
            ? new ClipSegments(decoded.Clip, Windows(decoded, windows, length, seed, epoch, augmentation ?? Augmentation.None))
            : new ClipSegments(outcome.Clip, [])).Named("windows");

    private static IReadOnlyList<Segment> Windows(ClipDecoded decoded, TrainingWindows windows, int length, int seed, int epoch, Augmentation augmentation)
    {
        if (windows == TrainingWindows.All)
            return WindowGrid.Of(decoded, length, seed, epoch, augmentation).CutAll();
        var segment = Segmenter.RandomWindow(decoded.Clip, decoded.Samples, length, seed, epoch);
        if (augmentation.Polarity && new Random(Seeds.For(SeedStream.Augment, seed, epoch, decoded.Clip.Index)).Next(2) == 1)
            WindowGrid.Invert(segment.Samples);
        return [segment];
    }
}
