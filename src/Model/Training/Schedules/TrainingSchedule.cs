namespace Pipeline.Model.Training.Schedules;

/// <summary>
/// How the next stage of training starts: its learning rate, whether the model first goes back to the best weights so
/// far (best.ckpt), and the optimiser it starts afresh (null: the current one goes on with its state).
/// </summary>
public sealed record StageStart(double LearningRate, bool RestoreBestWeights, OptimiserSpec? FreshOptimiser);

/// <summary>What the schedule decided after one validation loss.</summary>
public readonly record struct ScheduleDecision(bool Improved, StageStart? NextStage, bool Stop);

/// <summary>
/// The schedule's state, saved in checkpoints so a resumed run continues it. <see cref="Reductions"/> counts the
/// stages begun after the first; <see cref="StageStartStep"/> is the step at which the current optimiser started
/// (the origin of the time-based decay).
/// </summary>
public sealed record ScheduleState(double LearningRate, double BestLoss, int EvaluationsWithoutImprovement, int Reductions,
    int EvaluationsInStage = 0, long StageStartStep = 0);

/// <summary>
/// What every schedule shares: which validation losses count as an improvement (they become best.ckpt and reset the
/// patience), and Keras' time-based decay within a stage. Keras 2's SGD (which Lee's and Kim's code ran, with
/// <c>decay=1e-6</c>: jongpillee/sampleCNN run_pubtaga_endToEnd_cnn_novalidgen.py:23, tae-jun/resemul train.py:106,
/// tae-jun/sample-cnn sample_cnn/train.py:50,128-131) uses <c>lr / (1 + decay * iterations)</c> at every update,
/// where <c>iterations</c> counts the updates of that optimiser object: it starts again from 0 with every fresh one.
/// </summary>
public abstract class TrainingSchedule(ScheduleState state, double improvementThreshold, double decay)
{
    public ScheduleState State { get; protected set; } = state;

    /// <summary>The rate of the current stage, before the time-based decay.</summary>
    public double LearningRate => State.LearningRate;

    /// <summary>The optimiser the current stage runs with.</summary>
    public abstract OptimiserSpec Optimiser { get; }

    /// <summary>The stage's rate for the update from step <paramref name="step"/> to the next, after the time-based decay.</summary>
    public double LearningRateAt(long step) => State.LearningRate / (1 + decay * Math.Max(0, step - State.StageStartStep));

    /// <summary>
    /// The rate of the update from step <paramref name="step"/> to the next, the only rate any step runs at: the stage's
    /// (<see cref="LearningRateAt"/>), unless the schedule spans the whole <paramref name="run"/>.
    /// </summary>
    public virtual double RateAt(long step, RunLength run) => LearningRateAt(step);

    /// <summary>
    /// Lower than the best loss by more than the relative threshold: 0 is the references' rule (Keras' EarlyStopping
    /// and ModelCheckpoint with min_delta 0, minzwon's <c>score &gt; best_metric</c>), 1e-4 PyTorch's ReduceLROnPlateau.
    /// </summary>
    protected bool Improves(double loss) => loss < State.BestLoss * (1 - improvementThreshold);

    /// <summary>Takes the validation loss of an evaluation made at <paramref name="step"/>.</summary>
    public abstract ScheduleDecision Observe(double validationLoss, long step);

    /// <summary>Moves to the next stage at <paramref name="step"/>; a fresh optimiser restarts the time-based decay.</summary>
    protected ScheduleDecision Begin(StageStart stage, long step, bool improved)
    {
        State = State with
        {
            LearningRate = stage.LearningRate,
            EvaluationsWithoutImprovement = 0,
            EvaluationsInStage = 0,
            Reductions = State.Reductions + 1,
            StageStartStep = stage.FreshOptimiser is null ? State.StageStartStep : step,
        };
        return new ScheduleDecision(improved, stage, Stop: false);
    }

    public static TrainingSchedule Create(TrainingSettings settings, ScheduleState? state = null)
    {
        var (optimiser, schedule) = (OptimiserSpec.From(settings), settings.Schedule);
        var initial = state ?? new ScheduleState(settings.LearningRate, double.PositiveInfinity, 0, 0);
        var stopping = new EarlyStopping(settings.LrPatience, settings.MaxLrReductions);
        return schedule.Kind switch
        {
            ScheduleKind.Won2020 => new Won2020Schedule(optimiser, initial, schedule.ImprovementThreshold, schedule.LrDecay),
            ScheduleKind.Cosine => new CosineSchedule(optimiser, settings.LearningRate, schedule.WarmupFraction, stopping, initial, schedule.ImprovementThreshold),
            _ => new PlateauSchedule(optimiser, settings.LrReductionFactor, stopping, schedule.StageStart, initial, schedule.ImprovementThreshold, schedule.LrDecay),
        };
    }
}
