using System.Diagnostics;

namespace Pipeline.Model.Training.Schedules;

/// <summary>
/// A run's clock and its length in steps, as a schedule that spans the run needs them: the steps of an epoch (counted
/// once one has ended, estimated before: <see cref="EpochLength"/>), the run's horizon (<see cref="RunHorizon"/>: the
/// epochs' steps, or what the rest of a time budget allows at the pace so far), and the moment the budget runs out.
/// The clock starts when the run (or its resumption) does.
/// </summary>
public sealed class RunLength(TrainingSettings training, int trainClips)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly EpochLength _epoch = new(trainClips);
    private bool _budgetUsed;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>One step over a batch cut from these clips (indices into the training split).</summary>
    public void Stepped(IEnumerable<int> clips) => _epoch.Stepped(clips);

    public void EpochEnded(long steps) => _epoch.EpochEnded(steps);

    /// <summary>How many steps the run will take, seen from <paramref name="stepsTaken"/>.</summary>
    public long Horizon(long stepsTaken) =>
        RunHorizon.Steps(training.Schedule, training.Epochs, _epoch.Steps, stepsTaken, _clock.Elapsed);

    /// <summary>Why the run must stop now that its time budget is used up, once; otherwise null.</summary>
    public string? BudgetUsedUp()
    {
        if (!training.Schedule.HasTimeBudget || _budgetUsed || _clock.Elapsed < training.Schedule.TimeBudget)
            return null;
        _budgetUsed = true;
        return $"used the time budget of {training.Schedule.TimeBudget}";
    }
}
