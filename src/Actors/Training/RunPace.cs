using System.Diagnostics;
using Pipeline.Model.Training;

namespace Pipeline.Actors.Training;

/// <summary>
/// A run's clock and length: the cosine schedule's rate for the next step (over the configured epochs, or over what
/// the time budget allows at the pace so far) and the moment the time budget runs out.
/// </summary>
internal sealed class RunPace(TrainingSettings training)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CosineSchedule? _cosine = training.Schedule.Kind == ScheduleKind.Cosine
        ? new CosineSchedule(training.LearningRate, training.Schedule.WarmupFraction)
        : null;
    private long _stepsPerEpoch;
    private bool _budgetUsed;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The rate the schedule sets for <paramref name="step"/>, or null when the plateau schedule sets it.</summary>
    public double? RateFor(long step, long stepInEpoch) =>
        _cosine?.LearningRate(step, RunHorizon.Steps(training.Schedule, training.Epochs,
            _stepsPerEpoch > 0 ? _stepsPerEpoch : stepInEpoch + 1, step, _clock.Elapsed));

    public void EpochDone(long steps) => _stepsPerEpoch = Math.Max(_stepsPerEpoch, steps);

    /// <summary>Why the run must stop now that the time budget is used up, once; otherwise null.</summary>
    public string? BudgetUsedUp()
    {
        if (!training.Schedule.HasTimeBudget || _budgetUsed || _clock.Elapsed < training.Schedule.TimeBudget)
            return null;
        _budgetUsed = true;
        return $"used the time budget of {training.Schedule.TimeBudget}";
    }
}
