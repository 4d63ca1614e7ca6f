using Akka;
using Akka.Streams.Dsl;

namespace Pipeline.Streams.Provider.Stages;

/// <summary>
/// Which windows a clip gives an epoch: one at a random offset, or every non-overlapping one (training on every
/// window, and evaluation). A clip that failed gives none, but is still answered for with its (empty) set.
/// </summary>
public static class WindowFlows
{
    public static Flow<DecodeOutcome, ClipSegments, NotUsed> Cut(TrainingWindows windows, int length, int seed, int epoch) =>
        Flow.Create<DecodeOutcome>().Select(outcome => outcome switch
        {
            ClipDecoded decoded when windows == TrainingWindows.Random =>
                new ClipSegments(decoded.Clip, [Segmenter.RandomWindow(decoded.Clip, decoded.Samples, length, seed, epoch)]),
            ClipDecoded decoded => new ClipSegments(decoded.Clip, Segmenter.AllWindows(decoded.Clip, decoded.Samples, length).ToList()),
            _ => new ClipSegments(outcome.Clip, []),
        }).Named("windows");
}
