namespace Pipeline.Tests.Support;

/// <summary>Signal measurements for assertions about audio content.</summary>
public static class Signal
{
    public static float[] Sine(double frequency, int rate, int count, double amplitude = 0.5) =>
        Enumerable.Range(0, count).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate))).ToArray();

    public static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples)
            sum += s * s;
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }

    /// <summary>Amplitude of the component at <paramref name="frequency"/> (Goertzel over the whole span).</summary>
    public static double Amplitude(ReadOnlySpan<float> samples, int rate, double frequency)
    {
        var w = 2 * Math.PI * frequency / rate;
        var coefficient = 2 * Math.Cos(w);
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s0 = x + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        var power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return 2 * Math.Sqrt(Math.Max(0, power)) / samples.Length;
    }

    /// <summary>The frequency with the largest amplitude on a grid from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static double DominantFrequency(ReadOnlySpan<float> samples, int rate, double low, double high, double step)
    {
        var best = low;
        var bestAmplitude = -1.0;
        for (var f = low; f <= high; f += step)
        {
            var a = Amplitude(samples, rate, f);
            if (a > bestAmplitude)
            {
                bestAmplitude = a;
                best = f;
            }
        }
        return best;
    }
}
