using Akka.Event;
using Pipeline.Model.Metrics;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;

namespace Pipeline.Actors.Training;

/// <summary>
/// What one evaluation does to a training run, in the references' order (Keras' ModelCheckpoint before the next
/// stage loads the best checkpoint; minzwon's Solver.validation before Solver.opt_schedule): a row of the run's files,
/// the schedule's step, best.ckpt when the validation loss improved, then the next stage, which may start from it.
/// </summary>
public sealed class EvaluationEffects(TrainingSession session, RunRecorder recorder, TrainingJob job, ILoggingAdapter log)
{
    public BestScores Best => recorder.Best;

    public ScheduleDecision Apply(WeightSnapshot snapshot, TaggingReport report, double trainLoss, TimeSpan sinceStart, TimeSpan took)
    {
        recorder.Record(snapshot, session.LearningRate, trainLoss, report, sinceStart);
        log.Info("evaluation of step {0} (epoch {1}): valid loss {2:F4}, ROC-AUC {3:F4}, PR-AUC {4:F4} ({5:F1} s)",
            snapshot.Step, snapshot.Epoch, report.Loss, report.RocAucMacro ?? double.NaN, report.PrAucMacro ?? double.NaN, took.TotalSeconds);

        var decision = session.ObserveValidationLoss(report.Loss);
        if (decision.Improved)
            recorder.RecordBest(session, snapshot, report, job.ConfigHash, job.SampleRate);
        if (decision.NextStage is { } stage)
        {
            session.StartStage(stage, job.Run.BestCheckpoint);
            log.Info("stage {0} begins: learning rate {1:G3}{2}{3}", session.Schedule.State.Reductions + 1, stage.LearningRate,
                stage.RestoreBestWeights ? $", from the best weights (valid loss {recorder.Best.Loss:F4})" : "",
                stage.FreshOptimiser is { } fresh ? $", a fresh {fresh}" : "");
        }
        return decision;
    }
}
