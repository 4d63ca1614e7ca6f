using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;

namespace Pipeline.Tests.Training;

/// <summary>The cosine curve and the run's horizon it spans (steps from the epochs, or from a time budget at the pace so far).</summary>
public sealed class ScheduleTests
{
    private static ScheduleSettings Cosine(TimeSpan budget) =>
        Support.TestSettings.Defaults.Training.Schedule with { Kind = ScheduleKind.Cosine, TimeBudget = budget, WarmupFraction = 0.05 };

    [Fact]
    public void The_cosine_rate_rises_over_the_warm_up_peaks_and_falls_to_zero_at_the_end()
    {
        var cosine = new CosineCurve(peak: 0.01, warmupFraction: 0.1);

        Assert.True(cosine.LearningRate(0, 1_000) < 0.0002);
        Assert.Equal(0.005, cosine.LearningRate(49, 1_000), 4);
        Assert.Equal(0.01, cosine.LearningRate(100, 1_000), 6);
        Assert.Equal(0.005, cosine.LearningRate(550, 1_000), 6);
        Assert.Equal(0.0, cosine.LearningRate(1_000, 1_000), 9);
        var rates = Enumerable.Range(100, 901).Select(step => cosine.LearningRate(step, 1_000)).ToList();
        Assert.Equal(rates.OrderDescending(), rates);
    }

    [Fact]
    public void Without_a_budget_the_horizon_is_the_epochs_steps()
    {
        var schedule = Cosine(TimeSpan.Zero);

        Assert.Equal(2_500, RunHorizon.Steps(schedule, epochs: 25, stepsPerEpoch: 100, stepsTaken: 40, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Under_a_budget_the_horizon_is_what_the_rest_of_the_budget_allows_at_the_pace_so_far_never_more_than_the_epochs()
    {
        var schedule = Cosine(TimeSpan.FromMinutes(10));

        // 300 steps in 2 minutes: 150 steps a minute, 8 minutes left.
        Assert.Equal(300 + 1_200, RunHorizon.Steps(schedule, epochs: 1_000, stepsPerEpoch: 100, stepsTaken: 300, TimeSpan.FromMinutes(2)));
        Assert.Equal(500, RunHorizon.Steps(schedule, epochs: 5, stepsPerEpoch: 100, stepsTaken: 300, TimeSpan.FromMinutes(2)));
        Assert.Equal(300, RunHorizon.Steps(schedule, epochs: 1_000, stepsPerEpoch: 100, stepsTaken: 300, TimeSpan.FromMinutes(11)));
    }
}
