namespace Pipeline.Model.Training.Schedules;

/// <summary>
/// How many steps a run will take, for a schedule that spans the whole run: the configured epochs times the steps of
/// an epoch, or, under a time budget, the steps taken so far plus as many as the rest of the budget allows at the
/// pace so far (re-estimated as the run goes, so evaluations and a slower or faster machine are accounted for).
/// </summary>
public static class RunHorizon
{
    /// <param name="stepsPerEpoch">Steps of a whole epoch once one was seen; during the first, the steps taken so far.</param>
    public static long Steps(ScheduleSettings schedule, int epochs, long stepsPerEpoch, long stepsTaken, TimeSpan elapsed)
    {
        var byEpochs = (long)epochs * Math.Max(1, stepsPerEpoch);
        if (!schedule.HasTimeBudget || stepsTaken == 0 || elapsed <= TimeSpan.Zero)
            return byEpochs;
        var pace = stepsTaken / elapsed.TotalSeconds;
        var remaining = Math.Max(0, (schedule.TimeBudget - elapsed).TotalSeconds);
        return Math.Min(byEpochs, stepsTaken + (long)(remaining * pace));
    }
}
