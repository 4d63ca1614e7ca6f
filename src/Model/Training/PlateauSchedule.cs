namespace Pipeline.Model.Training;

/// <summary>
/// Lee's and Kim's schedule: after more than <c>patience</c> evaluations without improvement the stage ends, the rate
/// is multiplied by <c>factor</c>, and after <c>maxReductions</c> reductions the next plateau stops training.
/// "More than": Keras 2.0's EarlyStopping (Keras==2.0.5 in tae-jun/resemul requirements.txt) stops when its wait
/// count has reached <c>patience</c> before the epoch adds to it, so after patience + 1 epochs without improvement.
/// With <see cref="StageStartMode.BestWeights"/> each stage starts from the best weights so far with a fresh
/// optimiser, as every reference does (resemul train.py:59-62,101-106; sample-cnn train.py:213-228; jongpillee
/// run_pubtaga_endToEnd_cnn_novalidgen.py:341-346); <see cref="StageStartMode.Continue"/> only changes the rate.
/// </summary>
public sealed class PlateauSchedule(
    OptimiserSpec optimiser,
    double factor,
    int patience,
    int maxReductions,
    StageStartMode stageStart,
    ScheduleState state,
    double improvementThreshold,
    double decay) : TrainingSchedule(state, improvementThreshold, decay)
{
    public override OptimiserSpec Optimiser => optimiser;

    public override ScheduleDecision Observe(double validationLoss, long step)
    {
        if (Improves(validationLoss))
        {
            State = State with { BestLoss = validationLoss, EvaluationsWithoutImprovement = 0, EvaluationsInStage = State.EvaluationsInStage + 1 };
            return new ScheduleDecision(Improved: true, NextStage: null, Stop: false);
        }

        var waited = State.EvaluationsWithoutImprovement + 1;
        if (waited <= patience)
        {
            State = State with { EvaluationsWithoutImprovement = waited, EvaluationsInStage = State.EvaluationsInStage + 1 };
            return new ScheduleDecision(false, null, false);
        }
        if (State.Reductions >= maxReductions)
            return new ScheduleDecision(Improved: false, NextStage: null, Stop: true);

        var restart = stageStart == StageStartMode.BestWeights;
        return Begin(new StageStart(State.LearningRate * factor, restart, restart ? optimiser : null), step, improved: false);
    }
}
