using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;

namespace Pipeline.Tests.Training;

/// <summary>The plateau and won2020 schedules against the references' rules (Keras 2.0 callbacks, minzwon's solver.py), evaluation by evaluation.</summary>
public sealed class StageScheduleTests
{
    private static TrainingSettings Plateau(int patience = 2, int maxReductions = 4, StageStartMode start = StageStartMode.BestWeights,
        double threshold = 0, double decay = 0)
    {
        var settings = TrainingTests.Settings(epochs: 100);
        return settings with
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.01, LrReductionFactor = 0.2, LrPatience = patience, MaxLrReductions = maxReductions,
            Schedule = settings.Schedule with { Kind = ScheduleKind.Plateau, StageStart = start, ImprovementThreshold = threshold, LrDecay = decay },
        };
    }

    private static TrainingSettings Won2020(TrainingSettings settings) =>
        settings with { Schedule = settings.Schedule with { Kind = ScheduleKind.Won2020, ImprovementThreshold = 0, LrDecay = 0 } };

    [Fact]
    public void A_stage_ends_after_patience_plus_one_evaluations_without_improvement_as_Keras_2_0_EarlyStopping_ends_one()
    {
        var schedule = TrainingSchedule.Create(Plateau(patience: 2));

        Assert.True(schedule.Observe(1.0, step: 10).Improved);
        Assert.Null(schedule.Observe(1.1, 20).NextStage);
        Assert.Null(schedule.Observe(1.1, 30).NextStage);
        var decision = schedule.Observe(1.1, 40);

        Assert.Equal(new StageStart(0.01 * 0.2, RestoreBestWeights: true, FreshOptimiser: new OptimiserSpec(OptimizerKind.Sgd, 0.9, true, 0)),
            decision.NextStage);
        Assert.Equal(0.002, schedule.LearningRate, 12);
        Assert.Equal(1.0, schedule.State.BestLoss);
    }

    [Fact]
    public void Continue_mode_changes_only_the_rate_and_best_weights_mode_asks_for_the_best_weights_and_a_fresh_optimiser()
    {
        StageStart? FirstStage(StageStartMode mode)
        {
            var schedule = TrainingSchedule.Create(Plateau(patience: 0, start: mode));
            schedule.Observe(0.5, 1);
            return schedule.Observe(0.6, 2).NextStage;
        }

        Assert.Equal(new StageStart(0.002, false, null), FirstStage(StageStartMode.Continue));
        var restart = FirstStage(StageStartMode.BestWeights)!;
        Assert.True(restart.RestoreBestWeights);
        Assert.NotNull(restart.FreshOptimiser);
    }

    [Fact]
    public void After_the_last_reduction_the_next_plateau_stops_training()
    {
        var schedule = TrainingSchedule.Create(Plateau(patience: 0, maxReductions: 2));
        schedule.Observe(0.5, 1);

        var decisions = Enumerable.Range(0, 3).Select(i => schedule.Observe(0.6, 2 + i)).ToList();

        Assert.Equal([false, false, true], decisions.Select(d => d.Stop));
        Assert.Equal([true, true, false], decisions.Select(d => d.NextStage is not null));
        Assert.Equal(0.01 * 0.2 * 0.2, schedule.LearningRate, 12);
    }

    [Theory]
    [InlineData(0.0, 0.99999, true)]     // Keras: any lower loss is an improvement
    [InlineData(0.0, 1.0, false)]        // an equal one is not
    [InlineData(1e-4, 0.99995, false)]   // PyTorch's ReduceLROnPlateau: lower by more than 1e-4 of the best
    [InlineData(1e-4, 0.9998, true)]
    public void An_improvement_is_a_loss_lower_than_the_best_by_more_than_the_threshold(double threshold, double loss, bool improves)
    {
        var schedule = TrainingSchedule.Create(Plateau(threshold: threshold));
        schedule.Observe(1.0, 1);

        Assert.Equal(improves, schedule.Observe(loss, 2).Improved);
    }

    [Fact]
    public void The_time_based_decay_is_Keras_lr_over_one_plus_decay_times_the_updates_of_the_current_optimiser()
    {
        var schedule = TrainingSchedule.Create(Plateau(patience: 0, decay: 1e-3));

        // Keras 2 SGD.get_updates: lr * (1 / (1 + decay * iterations)), iterations counting this optimiser's updates.
        foreach (var step in new long[] { 0, 1, 1_000, 6_631 })
            Assert.Equal(0.01 / (1 + 1e-3 * step), schedule.LearningRateAt(step), 15);

        schedule.Observe(0.5, step: 6_631);
        schedule.Observe(0.6, step: 13_262); // a new stage with a fresh optimiser: iterations start again from 0
        Assert.Equal(0.002, schedule.LearningRateAt(13_262), 15);
        Assert.Equal(0.002 / (1 + 1e-3 * 100), schedule.LearningRateAt(13_362), 15);
    }

    [Fact]
    public void In_continue_mode_the_decay_keeps_counting_the_updates_of_the_one_optimiser()
    {
        var schedule = TrainingSchedule.Create(Plateau(patience: 0, start: StageStartMode.Continue, decay: 1e-3));
        schedule.Observe(0.5, 100);
        schedule.Observe(0.6, 200);

        Assert.Equal(0.002 / (1 + 1e-3 * 300), schedule.LearningRateAt(300), 15);
    }

    [Fact]
    public void The_won2020_schedule_is_80_epochs_of_the_first_optimiser_then_SGD_stages_of_20_20_and_the_rest_each_from_the_best_weights()
    {
        var adam = Won2020(TrainingTests.Settings(epochs: 200) with { Optimizer = OptimizerKind.Adam, LearningRate = 1e-4, WeightDecay = 1e-4, LrPatience = 0 });
        var schedule = TrainingSchedule.Create(adam);
        Assert.Equal(new OptimiserSpec(OptimizerKind.Adam, 0.9, true, 1e-4), schedule.Optimiser);

        var stages = new List<(int Epoch, StageStart Stage)>();
        for (var epoch = 1; epoch <= 200; epoch++)
        {
            // A loss that never improves after the first epoch: the stages go by epochs all the same, and never stop.
            var decision = schedule.Observe(epoch == 1 ? 0.2 : 0.3, step: epoch * 100L);
            Assert.False(decision.Stop);
            if (decision.NextStage is { } stage)
                stages.Add((epoch, stage));
        }

        var sgd = new OptimiserSpec(OptimizerKind.Sgd, Momentum: 0.9, Nesterov: true, WeightDecay: 1e-4);
        Assert.Equal([(80, new StageStart(1e-3, true, sgd)), (100, new StageStart(1e-4, true, null)), (120, new StageStart(1e-5, true, null))], stages);
        Assert.Equal(sgd, schedule.Optimiser);
        Assert.Equal(0.2, schedule.State.BestLoss);
    }

    [Fact]
    public void A_won2020_stage_switch_in_an_epoch_that_improves_reports_both()
    {
        var schedule = TrainingSchedule.Create(Won2020(TrainingTests.Settings(epochs: 200)));
        ScheduleDecision last = default;
        for (var epoch = 1; epoch <= 80; epoch++)
            last = schedule.Observe(1.0 / epoch, epoch);

        // solver.py saves best_model.pth in validation() before opt_schedule() loads it: the trainer must too.
        Assert.True(last.Improved);
        Assert.NotNull(last.NextStage);
    }

    [Fact]
    public void A_schedule_restored_from_its_state_goes_on_where_it_was()
    {
        var settings = Won2020(TrainingTests.Settings(epochs: 200));
        var schedule = TrainingSchedule.Create(settings);
        for (var epoch = 1; epoch <= 85; epoch++)
            schedule.Observe(0.5, epoch);

        var restored = TrainingSchedule.Create(settings, schedule.State);

        Assert.Equal(Won2020Schedule.Sgd, restored.Optimiser);
        Assert.Equal(5, restored.State.EvaluationsInStage);
        var decisions = Enumerable.Range(86, 15).Select(epoch => restored.Observe(0.5, epoch)).ToList();
        Assert.Equal(1e-4, decisions[^1].NextStage!.LearningRate);
        Assert.All(decisions.SkipLast(1), d => Assert.Null(d.NextStage));
    }
}
