namespace Pipeline.Model.Training.Schedules;

/// <summary>
/// The schedule of minzwon/sota-music-tagging-models (Won et al. 2020), training/solver.py, Solver.train and
/// Solver.opt_schedule: the configured optimiser (there Adam, lr 1e-4, weight_decay 1e-4: Solver.build_model) for
/// 80 epochs; then, each time from best_model.pth (the lowest validation loss so far: Solver.validation), SGD with
/// Nesterov momentum 0.9 and weight decay 1e-4 at 1e-3 for 20 epochs, the same SGD (its momentum kept) at 1e-4 for
/// 20 epochs, and at 1e-5 until n_epochs (200 by default: training/main.py). No early stop. Its counter counts
/// epochs; here it counts evaluations, which are epochs when snapshots are taken at epoch ends only (the settings
/// reader insists on that).
/// </summary>
public sealed class Won2020Schedule(OptimiserSpec first, ScheduleState state, double improvementThreshold, double decay)
    : TrainingSchedule(state, improvementThreshold, decay)
{
    /// <summary>Epochs of the first stage, then of the two SGD stages that have an end (solver.py: drop_counter == 80, == 20).</summary>
    public const int FirstStageEpochs = 80;
    public const int SgdStageEpochs = 20;

    /// <summary>torch.optim.SGD(params, 0.001, momentum=0.9, weight_decay=0.0001, nesterov=True) in opt_schedule.</summary>
    public static readonly OptimiserSpec Sgd = new(OptimizerKind.Sgd, Momentum: 0.9, Nesterov: true, WeightDecay: 1e-4);

    /// <summary>The learning rates of the stages after the first (opt_schedule: 0.001, then 0.0001, then 0.00001).</summary>
    public static readonly IReadOnlyList<double> SgdRates = [1e-3, 1e-4, 1e-5];

    public override OptimiserSpec Optimiser => State.Reductions == 0 ? first : Sgd;

    public override ScheduleDecision Observe(double validationLoss, long step)
    {
        var improved = Improves(validationLoss);
        State = State with
        {
            BestLoss = improved ? validationLoss : State.BestLoss,
            EvaluationsWithoutImprovement = improved ? 0 : State.EvaluationsWithoutImprovement + 1,
            EvaluationsInStage = State.EvaluationsInStage + 1,
        };
        var stage = State.Reductions;
        var length = stage == 0 ? FirstStageEpochs : SgdStageEpochs;
        if (stage >= SgdRates.Count || State.EvaluationsInStage < length)
            return new ScheduleDecision(improved, NextStage: null, Stop: false);
        // Only the switch from the first optimiser to SGD makes a new optimiser; the later drops set the rate of the
        // same one (opt_schedule assigns pg['lr']), so its momentum buffers go on.
        return Begin(new StageStart(SgdRates[stage], RestoreBestWeights: true, FreshOptimiser: stage == 0 ? Sgd : null), step, improved);
    }
}
