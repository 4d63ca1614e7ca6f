using Pipeline.Model.Training;

namespace Pipeline.Host.Configuration;

/// <summary>pipeline.training's schedule keys: which schedule, the time budget, the warm-up of a cosine schedule.</summary>
public static class ScheduleSettingsReader
{
    public static ScheduleSettings Read(SettingsReader r) => new(
        Kind: r.Choice("pipeline.training.schedule", new Dictionary<string, ScheduleKind>
        {
            ["plateau"] = ScheduleKind.Plateau,
            ["cosine"] = ScheduleKind.Cosine,
        }),
        TimeBudget: r.Duration("pipeline.training.time-budget", TimeSpan.Zero, TimeSpan.FromDays(365)),
        WarmupFraction: r.Double("pipeline.training.warmup-fraction", 0, 0.5));
}
