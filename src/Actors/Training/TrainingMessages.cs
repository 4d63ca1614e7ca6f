using Pipeline.Model.Metrics;
using Pipeline.Model.Training;

namespace Pipeline.Actors.Training;

/// <summary>Evaluate <see cref="Snapshot"/> and answer <see cref="ReplyTo"/>; the evaluator now owns the snapshot.</summary>
public sealed record EvaluateSnapshot(WeightSnapshot Snapshot, Akka.Actor.IActorRef ReplyTo);

/// <summary>
/// The metrics of one snapshot, and each clip's prediction when this node scored them (not across the cluster);
/// ownership of the snapshot returns with it (the trainer may keep it as best).
/// </summary>
public sealed record EvaluationCompleted(WeightSnapshot Snapshot, TaggingReport Report, TimeSpan Duration)
{
    public IReadOnlyList<(int Clip, float[] Prediction)> Predictions { get; init; } = [];
}

/// <summary>
/// The evaluator dropped this snapshot without evaluating it: a newer one arrived while it waited its turn. Whoever
/// sent it stops waiting for its result.
/// </summary>
public sealed record SnapshotDropped(long Version);

/// <summary>The evaluator crashed and was restarted: evaluations in progress or waiting are lost.</summary>
public sealed record EvaluatorRestarted
{
    public static EvaluatorRestarted Instance { get; } = new();
}

/// <summary>How a training run ended.</summary>
public sealed record TrainingOutcome(
    int Epochs,
    long Steps,
    string StopReason,
    double? BestValidLoss,
    double? BestRocAuc,
    double? BestPrAuc,
    long Windows,
    TimeSpan StepTime,
    TimeSpan DataWait,
    TimeSpan EpochStartWait,
    int Evaluations,
    int EvaluatorRestarts)
{
    public double WindowsPerSecond => Windows / Math.Max(1e-9, (StepTime + DataWait).TotalSeconds);

    /// <summary>The share of the trainer's time spent waiting for the next batch (the data provider's shortfall).</summary>
    public double DataWaitShare => DataWait.TotalSeconds / Math.Max(1e-9, (StepTime + DataWait).TotalSeconds);

    /// <summary>
    /// The same without each epoch's first batch, which waits for the shuffle buffer to fill once per epoch: the
    /// share that says whether the provider keeps up while training runs.
    /// </summary>
    public double SteadyDataWaitShare => (DataWait - EpochStartWait).TotalSeconds / Math.Max(1e-9, (StepTime + DataWait - EpochStartWait).TotalSeconds);
}

public sealed record TrainingFinished(TrainingOutcome Outcome);

/// <summary>Stop after the current step (e.g. on Ctrl+C): a checkpoint is written and the run finishes.</summary>
public sealed record StopTraining(string Reason);
