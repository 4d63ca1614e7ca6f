namespace Pipeline.Model.Training.Schedules;

/// <summary>
/// A linear warm-up, then a cosine decay to zero over the run (<see cref="CosineCurve"/>), its length being the
/// configured epochs or what the time budget allows (<see cref="RunLength"/>). The optimiser is the configured one
/// throughout; validation losses only decide when to stop (<see cref="EarlyStopping"/>), after as many plateaus as a
/// plateau schedule would reduce the rate on.
/// </summary>
public sealed class CosineSchedule(OptimiserSpec optimiser, double peak, double warmupFraction, EarlyStopping stopping, ScheduleState state,
    double improvementThreshold) : TrainingSchedule(state, improvementThreshold, decay: 0)
{
    private readonly CosineCurve _curve = new(peak, warmupFraction);

    public override OptimiserSpec Optimiser => optimiser;

    public override double RateAt(long step, RunLength run) => _curve.LearningRate(step, run.Horizon(step));

    public override ScheduleDecision Observe(double validationLoss, long step)
    {
        var improved = Improves(validationLoss);
        var (verdict, next) = stopping.Observe(State, validationLoss, improved);
        State = next;
        return new ScheduleDecision(improved, NextStage: null, Stop: verdict == PlateauVerdict.Stop);
    }
}
