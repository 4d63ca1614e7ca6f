using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;

namespace Pipeline.Tests.Training;

/// <summary>
/// Early stopping as a policy of its own, shared by the plateau schedule (which reduces the rate where a plateau ends)
/// and the cosine schedule (whose rate follows the run, not the plateaus).
/// </summary>
public sealed class EarlyStoppingTests
{
    private static readonly ScheduleState Fresh = new(0.01, double.PositiveInfinity, 0, 0);

    [Fact]
    public void A_plateau_ends_after_patience_plus_one_losses_without_improvement_and_the_one_after_the_last_allowed_stops()
    {
        var stopping = new EarlyStopping(patience: 1, maxPlateaus: 1);
        var state = Fresh;
        var verdicts = new List<PlateauVerdict>();
        foreach (var (loss, improved) in new[] { (1.0, true), (1.1, false), (1.1, false), (0.9, true), (1.0, false), (1.0, false) })
        {
            (var verdict, state) = stopping.Observe(state, loss, improved);
            verdicts.Add(verdict);
        }

        Assert.Equal([PlateauVerdict.Improved, PlateauVerdict.Waiting, PlateauVerdict.PlateauEnded, PlateauVerdict.Improved,
            PlateauVerdict.Waiting, PlateauVerdict.Stop], verdicts);
        Assert.Equal(0.9, state.BestLoss);
        Assert.Equal(1, state.Reductions);
    }

    [Fact]
    public void Under_a_cosine_schedule_plateaus_leave_the_rate_to_the_curve_and_the_last_one_stops_the_run()
    {
        var settings = TrainingTests.Settings(epochs: 4) with { LearningRate = 0.01, LrPatience = 0, MaxLrReductions = 1 };
        settings = settings with { Schedule = settings.Schedule with { Kind = ScheduleKind.Cosine, WarmupFraction = 0.25, TimeBudget = TimeSpan.Zero } };
        var schedule = TrainingSchedule.Create(settings);
        var run = new RunLength(settings, trainClips: 10);
        for (var step = 0; step < 5; step++)
            run.Stepped([2 * step, 2 * step + 1]);
        run.EpochEnded(5);
        var curve = new CosineCurve(0.01, 0.25);
        var before = Enumerable.Range(0, 20).Select(step => schedule.RateAt(step, run)).ToList();

        var decisions = new[] { 1.0, 1.2, 1.3 }.Select(loss => schedule.Observe(loss, step: 7)).ToList();

        Assert.Equal(Enumerable.Range(0, 20).Select(step => curve.LearningRate(step, 4 * 5)), before);
        Assert.Equal(before, Enumerable.Range(0, 20).Select(step => schedule.RateAt(step, run)));
        Assert.All(decisions, d => Assert.Null(d.NextStage));
        Assert.Equal([false, false, true], decisions.Select(d => d.Stop));
    }
}
