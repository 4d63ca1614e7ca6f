using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Actors.Plumbing;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Training;
using Pipeline.Shared;
using Pipeline.Streams.Scoring;

namespace Pipeline.Actors.Scoring;

/// <summary>Load these weights before the next batches (answered with <see cref="WeightsLoaded"/>).</summary>
public sealed record LoadWeights(WeightSnapshot Snapshot);

public sealed record WeightsLoaded(long Version);

/// <summary>
/// The model's stage of the scoring graph, for every job that scores windows (evaluation, tagging, embedding): tag
/// probabilities for each batch, and the tapped layer's output from the same forward pass, on the torch dispatcher (a
/// thread of its own, as the trainer has), so batching the next windows and decoding go on while the model works. It
/// owns its model instance; a failure is answered, so the stream fails with it instead of waiting.
/// </summary>
public sealed class ScoringActor : ReceiveActor
{
    private readonly EvaluationSession _session;
    private readonly LayerTap? _tap;
    private readonly bool _owned;

    public ScoringActor(Func<EvaluationSession> session, LayerTap? tap, bool owned)
    {
        _session = session();
        _tap = tap;
        _owned = owned;
        Receive<Batch>(batch =>
        {
            try
            {
                Sender.Tell(Score(batch));
            }
            catch (Exception e)
            {
                Sender.Tell(new Status.Failure(e));
            }
        });
        Receive<LoadWeights>(load =>
        {
            _session.Load(load.Snapshot);
            Sender.Tell(new WeightsLoaded(load.Snapshot.Version));
        });
    }

    /// <summary>A scorer with a model of its own, built on its thread by <paramref name="session"/> and disposed when it stops.</summary>
    public static Props Props(Func<EvaluationSession> session) =>
        Akka.Actor.Props.Create(() => new ScoringActor(session, null, true)).WithDispatcher(Dispatchers.Torch);

    /// <summary>A scorer of a loaded checkpoint's session (and its layer tap), which stay the caller's to dispose.</summary>
    public static Props Props(EvaluationSession session, LayerTap? tap) =>
        Akka.Actor.Props.Create(() => new ScoringActor(() => session, tap, false)).WithDispatcher(Dispatchers.Torch);

    /// <summary>
    /// The graph's model stage: batches go to <paramref name="scorer"/>, two at a time so that the next batch waits in
    /// its mailbox while one is scored, and come back in order.
    /// </summary>
    public static Flow<Batch, ScoredBatch, NotUsed> Flow(IActorRef scorer) =>
        Akka.Streams.Dsl.Flow.Create<Batch>()
            .SelectAsync(2, batch => scorer.Ask<ScoredBatch>(batch, Timeout.InfiniteTimeSpan)).Named("model");

    private ScoredBatch Score(Batch batch)
    {
        if (batch.Count == 0)
            return new ScoredBatch(batch, [], _session.Tags.Count, null, 0);
        var probabilities = _session.Predict(batch);
        var embeddings = _tap?.Take();
        return new ScoredBatch(batch, probabilities, _session.Tags.Count, embeddings, _tap?.Size ?? 0);
    }

    protected override void PostStop()
    {
        if (_owned)
            _session.Dispose();
    }
}
