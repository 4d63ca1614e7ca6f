namespace Pipeline.Model.Training;

/// <summary>What the schedule decided after one validation loss.</summary>
public readonly record struct ScheduleDecision(bool Improved, bool LearningRateReduced, bool Stop);

/// <summary>The schedule's state, saved in checkpoints so a resumed run continues it.</summary>
public sealed record ScheduleState(double LearningRate, double BestLoss, int EvaluationsWithoutImprovement, int Reductions);

/// <summary>
/// Reduce-on-plateau as in PyTorch's ReduceLROnPlateau (mode min, relative threshold 1e-4): after more than
/// <c>patience</c> evaluations without improvement the learning rate is multiplied by <c>factor</c>; after
/// <c>maxReductions</c> reductions the next plateau stops training.
/// </summary>
public sealed class PlateauSchedule(double factor, int patience, int maxReductions, ScheduleState state)
{
    private const double RelativeThreshold = 1e-4;

    public PlateauSchedule(double initialLearningRate, double factor, int patience, int maxReductions)
        : this(factor, patience, maxReductions, new ScheduleState(initialLearningRate, double.PositiveInfinity, 0, 0))
    {
    }

    public ScheduleState State { get; private set; } = state;

    public double LearningRate => State.LearningRate;

    public ScheduleDecision Observe(double validationLoss)
    {
        if (validationLoss < State.BestLoss * (1 - RelativeThreshold))
        {
            State = State with { BestLoss = validationLoss, EvaluationsWithoutImprovement = 0 };
            return new ScheduleDecision(Improved: true, LearningRateReduced: false, Stop: false);
        }

        var waited = State.EvaluationsWithoutImprovement + 1;
        if (waited <= patience)
        {
            State = State with { EvaluationsWithoutImprovement = waited };
            return new ScheduleDecision(false, false, false);
        }
        if (State.Reductions >= maxReductions)
            return new ScheduleDecision(Improved: false, LearningRateReduced: false, Stop: true);

        State = State with
        {
            LearningRate = State.LearningRate * factor,
            EvaluationsWithoutImprovement = 0,
            Reductions = State.Reductions + 1,
        };
        return new ScheduleDecision(Improved: false, LearningRateReduced: true, Stop: false);
    }
}
