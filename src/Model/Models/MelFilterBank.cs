namespace Pipeline.Model.Models;

/// <summary>
/// The fixed tensors of the log-mel front end, computed as torchaudio 0.13 computes them (in double precision here,
/// rounded to float32 once; torchaudio computes in float32, which moves a value by about 1e-7 of its scale).
/// </summary>
public static class MelFilterBank
{
    /// <summary>
    /// torchaudio.functional.melscale_fbanks with norm None and the HTK mel scale (mel = 2595 log10(1 + f / 700)):
    /// triangular filters between n_mels + 2 points evenly spaced in mel from f_min to f_max, over the STFT bins
    /// linspace(0, sample_rate // 2, n_fft / 2 + 1). [frequencies, bands], row-major. A band narrower than the bin
    /// spacing may get no bin at all (Won et al.'s 128 bands at n_fft 512 and 16 kHz have such bands at the bottom:
    /// torchaudio warns, and their power is zero, which the dB conversion floors at -100 dB).
    /// </summary>
    public static float[] Filters(MelSettings mel)
    {
        var (frequencies, bands) = (mel.Frequencies, mel.Bands);
        var nyquist = (double)(mel.SampleRate / 2);
        var (low, high) = (HzToMel(mel.MinFrequency), HzToMel(mel.MaxFrequency));
        var points = new double[bands + 2];
        for (var i = 0; i < points.Length; i++)
            points[i] = MelToHz(low + (high - low) * i / (bands + 1));
        var filters = new float[frequencies * bands];
        for (var bin = 0; bin < frequencies; bin++)
        {
            var frequency = frequencies == 1 ? 0 : nyquist * bin / (frequencies - 1);
            for (var band = 0; band < bands; band++)
            {
                var down = (frequency - points[band]) / (points[band + 1] - points[band]);
                var up = (points[band + 2] - frequency) / (points[band + 2] - points[band + 1]);
                filters[bin * bands + band] = (float)Math.Max(0, Math.Min(down, up));
            }
        }
        return filters;
    }

    /// <summary>torch.hann_window(n) (periodic): 0.5 - 0.5 cos(2 pi k / n).</summary>
    public static float[] HannWindow(int length) =>
        [.. Enumerable.Range(0, length).Select(k => (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * k / length)))];

    private static double HzToMel(double hz) => 2595.0 * Math.Log10(1.0 + hz / 700.0);

    private static double MelToHz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
}
