using Akka;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;

namespace Pipeline.Streams.Graph;

/// <summary>How clips are scored: their windows, how many are read at once, the model's batch size.</summary>
public sealed record ScoringShape(WindowShape Windows, int ClipsAtOnce, int BatchSize);

/// <summary>
/// The graph that scores clips with a model, the one `evaluate` (and validation in training), `tag` and `embed` run:
/// <code>
///   clips -> audio (several clips at once, each a stream of chunks) -> windows -> failure guard -> batches
///         -> model (an island of its own) -> regroup per clip -> outcomes, in the order clips complete
/// </code>
/// Failures travel as values from the audio to the outcomes (<see cref="ClipNotScored"/>). Every stage is bounded:
/// each clip being read holds a chunk, the batch stage two batches, the asynchronous boundaries a few batches, the
/// regrouping one accumulator per clip in flight; none of it depends on how long the clips are or how many there are.
/// </summary>
public static class ScoringGraph
{
    public static Source<ClipOutcome, NotUsed> Score(
        IEnumerable<ClipRef> clips,
        IClipAudio audio,
        ScoringShape shape,
        Flow<Batch, ScoredBatch, NotUsed> model,
        RegroupOptions options,
        FailurePolicy failures)
    {
        var plan = WindowPlan.Every(shape.Windows);
        return Source.From(clips)
            .MergeMany(shape.ClipsAtOnce, clip => audio.Stream(clip).Via(new WindowStage(plan))).Named("read")
            .Via(new FailureGuardStage(failures))
            .Via(new BatchStage(shape.BatchSize, shape.Windows.WindowSamples))
            .Async()
            .Via(model)
            .Via(new ClipRegroupStage(options));
    }
}
