namespace Pipeline.Model.Training.Schedules;

/// <summary>
/// Warm-up then cosine decay (Loshchilov and Hutter 2017, without restarts): the rate rises linearly over the first
/// <c>warmupFraction</c> of the run and then follows half a cosine down to zero at its end. Pure: the rate at a
/// step depends only on the step and the run's length in steps (its horizon).
/// </summary>
public sealed class CosineCurve(double peak, double warmupFraction)
{
    public double LearningRate(long step, long horizon)
    {
        if (horizon <= 0)
            return peak;
        var progress = Math.Clamp((double)step / horizon, 0, 1);
        if (progress < warmupFraction)
            return peak * (progress + 1.0 / horizon) / warmupFraction;
        var decay = (progress - warmupFraction) / Math.Max(1e-9, 1 - warmupFraction);
        return peak * 0.5 * (1 + Math.Cos(Math.PI * decay));
    }
}
