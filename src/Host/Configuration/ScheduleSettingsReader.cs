using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;

namespace Pipeline.Host.Configuration;

/// <summary>
/// pipeline.training's schedule keys: which schedule, the time budget, the warm-up of a cosine schedule, what a
/// plateau's stage starts from, Keras' time-based decay, what counts as an improvement, and whether the next epoch
/// waits for the last one's evaluation.
/// </summary>
public static class ScheduleSettingsReader
{
    public static ScheduleSettings Read(SettingsReader r)
    {
        var schedule = new ScheduleSettings(
            Kind: r.Choice("pipeline.training.schedule", new Dictionary<string, ScheduleKind>
            {
                ["plateau"] = ScheduleKind.Plateau,
                ["cosine"] = ScheduleKind.Cosine,
                ["won2020"] = ScheduleKind.Won2020,
            }),
            TimeBudget: r.Duration("pipeline.training.time-budget", TimeSpan.Zero, TimeSpan.FromDays(365)),
            WarmupFraction: r.Double("pipeline.training.warmup-fraction", 0, 0.5),
            StageStart: r.Choice("pipeline.training.lr-stage-start", new Dictionary<string, StageStartMode>
            {
                ["best-weights"] = StageStartMode.BestWeights,
                ["continue"] = StageStartMode.Continue,
            }),
            LrDecay: r.Double("pipeline.training.lr-decay", 0, 1),
            ImprovementThreshold: r.Double("pipeline.training.improvement-threshold", 0, 0.99),
            AwaitEpochEvaluation: r.Bool("pipeline.training.await-epoch-evaluation"));
        if (schedule.Kind == ScheduleKind.Won2020 && r.Int("pipeline.training.snapshot-every-steps", min: 0) > 0)
            throw r.Problem("pipeline.training.schedule", "won2020",
                "counts its stages in epochs, one evaluation each: it needs pipeline.training.snapshot-every-steps = 0");
        return schedule;
    }
}
