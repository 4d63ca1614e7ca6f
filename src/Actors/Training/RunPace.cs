using System.Diagnostics;
using Pipeline.Model.Training;
using Pipeline.Shared;

namespace Pipeline.Actors.Training;

/// <summary>
/// A run's clock and length: the cosine schedule's rate for the next step (over the configured epochs, or over what
/// the time budget allows at the pace so far) and the moment the time budget runs out.
/// </summary>
internal sealed class RunPace(TrainingSettings training, int trainClips)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CosineSchedule? _cosine = training.Schedule.Kind == ScheduleKind.Cosine
        ? new CosineSchedule(training.LearningRate, training.Schedule.WarmupFraction)
        : null;
    private readonly EpochLength _epochLength = new(trainClips);
    private bool _budgetUsed;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Counts a step over <paramref name="batch"/>, to tell how far through the first epoch the run is.</summary>
    public void Saw(Batch batch) => _epochLength.Stepped(batch.Clips);

    /// <summary>The rate the schedule sets for <paramref name="step"/>, or null when the plateau schedule sets it.</summary>
    public double? RateFor(long step) =>
        _cosine?.LearningRate(step, RunHorizon.Steps(training.Schedule, training.Epochs, _epochLength.Steps, step, _clock.Elapsed));

    public void EpochDone(long steps) => _epochLength.EpochEnded(steps);

    /// <summary>Why the run must stop now that the time budget is used up, once; otherwise null.</summary>
    public string? BudgetUsedUp()
    {
        if (!training.Schedule.HasTimeBudget || _budgetUsed || _clock.Elapsed < training.Schedule.TimeBudget)
            return null;
        _budgetUsed = true;
        return $"used the time budget of {training.Schedule.TimeBudget}";
    }
}
