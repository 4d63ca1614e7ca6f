using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// torchaudio 0.13's MelSpectrogram followed by AmplitudeToDB, as Won et al.'s mel models build them: the STFT of each
/// window (n_fft samples of a periodic Hann window every hop, frames centred, the signal reflect-padded by n_fft / 2 at
/// both ends), its power |X|^2, the mel filter bank, and 10 log10(max(power, 1e-10)) (AmplitudeToDB's defaults: power
/// in, reference 1, no top_db). Input [batch, 1, samples], output [batch, bands, frames].
///
/// It computes in the type of its input, float32, also when the model runs in bfloat16: it is not an autocast layer.
/// torch.autocast (PyTorch 1.13, CPU) would keep the STFT in float32 but run the filter bank's matmul, and the log10
/// after it, in bfloat16. We keep the whole front end in float32 because it is a fixed transform of the data whose
/// output feeds batch-norm statistics: so an fp32 and a bf16 run see the same features and learn the same spectrogram
/// normalisation. It costs little: measured in PyTorch on the full short-chunk models (batch 8, 59,049 samples), the
/// front end is 3% of the CNN's bf16 forward and 14% of the ResNet's, and the logits end as close to float32 either
/// way (3.3e-3 and 3.6e-3 of their scale with it in float32, 3.5e-3 and 3.6e-3 as torch.autocast runs it), because the
/// first convolution rounds its input to bfloat16 anyway.
/// </summary>
public sealed class LogMelSpectrogram : Module<Tensor, Tensor>
{
    private const double MinimumPower = 1e-10;
    private const double DecibelsPerPowerDecade = 10;

    private readonly MelSettings _mel;
    // Buffers, so that they follow the model's device and type and travel in state dicts as torchaudio's do
    // (spec.spectrogram.window and spec.mel_scale.fb in Won et al.'s files).
    private readonly Tensor window;
    private readonly Tensor filters;

    public LogMelSpectrogram(MelSettings mel) : base(nameof(LogMelSpectrogram))
    {
        _mel = mel;
        window = tensor(MelFilterBank.HannWindow(mel.FftSize));
        filters = tensor(MelFilterBank.Filters(mel), [mel.Frequencies, mel.Bands]);
        register_buffer(nameof(window), window);
        register_buffer(nameof(filters), filters);
    }

    public override Tensor forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        using var minimum = MinimumPower.ToScalar();
        using var decibels = DecibelsPerPowerDecade.ToScalar();
        using var squared = 2.0.ToScalar();
        var spectrum = stft(waveform.flatten(1), _mel.FftSize, _mel.HopLength, _mel.FftSize, window,
            center: true, pad_mode: PaddingModes.Reflect, normalized: false, onesided: true, return_complex: true);
        var power = spectrum.abs().pow(squared); // [batch, frequencies, frames], as torchaudio takes it
        var bands = matmul(power.transpose(-1, -2), filters).transpose(-1, -2);
        return bands.clamp_min(minimum).log10().mul(decibels).MoveToOuterDisposeScope();
    }
}
