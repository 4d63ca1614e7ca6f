using System.Collections.Immutable;
using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Actors.Training;
using Pipeline.Model.Evaluation;
using Pipeline.Shared;
using Pipeline.Streams.Tagging;

namespace Pipeline.Actors.Tagging;

/// <summary>
/// The model's stage of the tagging graph: tag probabilities for each batch of windows, and the tapped layer's output
/// from the same forward pass, on the torch dispatcher (a thread of its own, as the trainer and the evaluator have),
/// so packing the next batches and decoding go on while the model works.
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

    /// <summary>
    /// The model's stage: batches go to an actor of this scorer on the torch dispatcher, two at a time so that the next
    /// batch waits in its mailbox while one is scored, and come back in order.
    /// </summary>
    public Flow<WindowBatch, ScoredBatch, NotUsed> Flow(IActorRefFactory system)
    {
        var model = system.ActorOf(ScoringActor.Props(this));
        return Akka.Streams.Dsl.Flow.Create<WindowBatch>()
            .SelectAsync(2, batch => model.Ask<ScoredBatch>(batch, Timeout.InfiniteTimeSpan)).Named("model");
    }

    /// <summary>Scores batches on the torch dispatcher; a failure is answered, so the stream fails with it instead of waiting.</summary>
    private sealed class ScoringActor : ReceiveActor
    {
        public ScoringActor(WindowScorer scorer)
        {
            Receive<WindowBatch>(batch =>
            {
                try
                {
                    Sender.Tell(scorer.Score(batch));
                }
                catch (Exception e)
                {
                    Sender.Tell(new Status.Failure(e));
                }
            });
        }

        public static Props Props(WindowScorer scorer) =>
            Akka.Actor.Props.Create(() => new ScoringActor(scorer)).WithDispatcher(TrainerActor.TorchDispatcher);
    }
}
