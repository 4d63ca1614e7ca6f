using System.Collections.Immutable;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Training;
using Pipeline.Model.Evaluation;
using Pipeline.Shared;
using Pipeline.Streams.Tagging;

namespace Pipeline.Actors.Tagging;

/// <summary>
/// The model's stage of the tagging graph: tag probabilities for each batch of windows, and the tapped layer's output
/// from the same forward pass. It runs as an island of its own on the torch dispatcher (a thread of its own, as the
/// trainer and the evaluator do), so packing the next batches and decoding go on while the model works.
/// </summary>
public sealed class WindowScorer(EvaluationSession session, LayerTap? tap)
{
    public IReadOnlyList<string> Tags => session.Tags;

    public ScoredBatch Score(WindowBatch batch)
    {
        if (batch.Count == 0)
            return new ScoredBatch(batch, [], session.Tags.Count, null, 0);
        var rows = new Batch(batch.Count, batch.WindowSamples, 0, batch.Samples, [], ImmutableArray<int>.Empty);
        var probabilities = session.Predict(rows);
        var embeddings = tap?.Take();
        return new ScoredBatch(batch, probabilities, session.Tags.Count, embeddings, tap?.Size ?? 0);
    }

    public Flow<WindowBatch, ScoredBatch, NotUsed> Flow() =>
        Akka.Streams.Dsl.Flow.Create<WindowBatch>()
            .Select(Score).Named("model")
            .WithAttributes(ActorAttributes.CreateDispatcher(TrainerActor.TorchDispatcher))
            .Async();
}
