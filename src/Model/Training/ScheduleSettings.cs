namespace Pipeline.Model.Training;

public enum ScheduleKind
{
    /// <summary>The rate times lr-reduction-factor when the validation loss stops improving (Lee et al. 2017).</summary>
    Plateau,
    /// <summary>A linear warm-up, then a cosine decay to zero over the run (its epochs, or its time budget).</summary>
    Cosine,
}

/// <summary>
/// How the learning rate moves over a run, and how long the run may take: <see cref="TimeBudget"/> (zero: no
/// limit) ends training when it is used up, and a cosine schedule then spans the budget instead of the epochs.
/// </summary>
public sealed record ScheduleSettings(ScheduleKind Kind, TimeSpan TimeBudget, double WarmupFraction)
{
    public bool HasTimeBudget => TimeBudget > TimeSpan.Zero;
}
