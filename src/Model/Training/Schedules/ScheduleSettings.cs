namespace Pipeline.Model.Training.Schedules;

public enum ScheduleKind
{
    /// <summary>The rate times lr-reduction-factor when the validation loss stops improving (Lee et al. 2017, Kim et al. 2018).</summary>
    Plateau,
    /// <summary>A linear warm-up, then a cosine decay to zero over the run (its epochs, or its time budget).</summary>
    Cosine,
    /// <summary>minzwon/sota-music-tagging-models' fixed stages (Won et al. 2020): <see cref="Won2020Schedule"/>.</summary>
    Won2020,
}

/// <summary>What a plateau's learning-rate reduction does besides changing the rate.</summary>
public enum StageStartMode
{
    /// <summary>The stage starts from the best weights so far with a fresh optimiser, as every reference does.</summary>
    BestWeights,
    /// <summary>Training goes on from the current weights and optimiser state; only the rate changes.</summary>
    Continue,
}

/// <summary>
/// How the learning rate moves over a run, and how long the run may take: <see cref="TimeBudget"/> (zero: no
/// limit) ends training when it is used up, and a cosine schedule then spans the budget instead of the epochs.
/// <see cref="StageStart"/> is what a plateau's reduction does to the weights and optimiser, <see cref="LrDecay"/>
/// Keras' time-based decay within a stage, <see cref="ImprovementThreshold"/> what counts as a better validation
/// loss, and <see cref="AwaitEpochEvaluation"/> makes the next epoch wait for the evaluation of the last one, as the
/// references' training loops do, so that the schedule's decision applies from the first step of the epoch after.
/// </summary>
public sealed record ScheduleSettings(
    ScheduleKind Kind,
    TimeSpan TimeBudget,
    double WarmupFraction,
    StageStartMode StageStart,
    double LrDecay,
    double ImprovementThreshold,
    bool AwaitEpochEvaluation)
{
    public bool HasTimeBudget => TimeBudget > TimeSpan.Zero;
}
