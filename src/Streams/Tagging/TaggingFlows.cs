using Akka;
using Akka.Streams.Dsl;

namespace Pipeline.Streams.Tagging;

/// <summary>
/// The tagging graph:
/// <code>
///   files -> decode (several files at once, each a stream of window chunks) -> pack into model batches
///         -> model (an island of its own) -> regroup per file -> outcomes, in the order files complete
/// </code>
/// Failures travel as values from the decoders to the outcomes (<see cref="FileNotTagged"/>). Every stage is
/// bounded: the decoders hold a chunk each, the packer two batches, the asynchronous boundaries a few batches, the
/// regrouping one accumulator per file in flight; none of it depends on how long the files are or how many there are.
/// </summary>
public static class TaggingFlows
{
    public static Source<FileOutcome, NotUsed> Tag(
        IEnumerable<AudioFile> files,
        Func<AudioFile, Source<FileEvent, NotUsed>> windows,
        int filesAtOnce,
        int batchSize,
        int windowSamples,
        Flow<WindowBatch, ScoredBatch, NotUsed> model,
        RegroupOptions options) =>
        Source.From(files)
            .MergeMany(filesAtOnce, windows).Named("decode")
            .Via(new WindowBatchStage(batchSize, windowSamples))
            .Async()
            .Via(model)
            .Via(new FileRegroupStage(options));
}
