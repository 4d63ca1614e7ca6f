namespace Pipeline.Model.Training.Schedules;

/// <summary>
/// Lee's and Kim's schedule: when a plateau ends (<see cref="EarlyStopping"/>) the rate is multiplied by
/// <c>factor</c>, and the plateau after the last reduction stops training. With <see cref="StageStartMode.BestWeights"/>
/// each stage starts from the best weights so far with a fresh optimiser, as every reference does (resemul
/// train.py:59-62,101-106; sample-cnn train.py:213-228; jongpillee run_pubtaga_endToEnd_cnn_novalidgen.py:341-346);
/// <see cref="StageStartMode.Continue"/> only changes the rate.
/// </summary>
public sealed class PlateauSchedule(
    OptimiserSpec optimiser,
    double factor,
    EarlyStopping stopping,
    StageStartMode stageStart,
    ScheduleState state,
    double improvementThreshold,
    double decay) : TrainingSchedule(state, improvementThreshold, decay)
{
    public override OptimiserSpec Optimiser => optimiser;

    public override ScheduleDecision Observe(double validationLoss, long step)
    {
        var improved = Improves(validationLoss);
        var (verdict, next) = stopping.Observe(State, validationLoss, improved);
        if (verdict != PlateauVerdict.PlateauEnded)
        {
            State = next;
            return new ScheduleDecision(improved, NextStage: null, Stop: verdict == PlateauVerdict.Stop);
        }
        var restart = stageStart == StageStartMode.BestWeights;
        return Begin(new StageStart(State.LearningRate * factor, restart, restart ? optimiser : null), step, improved: false);
    }
}
