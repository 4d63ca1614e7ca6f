using System.Text.Json;
using Pipeline.Model.Interop;
using Pipeline.Model.Models;
using Pipeline.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Pipeline.Tests.Parity;

/// <summary>
/// Won et al.'s mel models against torchaudio 0.13 and a PyTorch transcription of their code (Parity/won2020_mel_models.py):
/// the log-mel front end within 1e-4 of its scale; each model's eval logits and probabilities, the loss and the weights
/// after one SGD step within 1e-5, on weights that go over in their own key layout.
/// </summary>
public sealed class MelParityTests(ITestOutputHelper output)
{
    private const int Tags = 50;
    public const int Samples = 59_049; // their 3.69 s chunk at 16 kHz

    /// <summary>Their front end (training/model.py ShortChunkCNN: 16 kHz, n_fft 512, 0-8,000 Hz, 128 mels; hop n_fft / 2).</summary>
    public static readonly MelSettings Theirs = new(16_000, 512, 256, 0, 8_000, 128);

    /// <summary>Their seven blocks and 128 bands at an eighth of the widths: every shape of theirs, seconds not minutes.</summary>
    public static ModelSettings Narrow(Architecture architecture) => TestSettings.Defaults.Model with
    {
        Architecture = architecture, Depth = 7, BlockChannels = [16, 16, 32, 32, 32, 32, 64], HeadChannels = 64, Mel = Theirs,
    };

    public static TheoryData<Architecture> MelArchitectures => [Architecture.Won2020ShortChunkCnn, Architecture.Won2020ShortChunkResNet];

    public static string Reference(Architecture architecture) =>
        architecture == Architecture.Won2020ShortChunkCnn ? "won2020-short-chunk-cnn" : "won2020-short-chunk-resnet";

    public static object Arguments(ModelSettings s) => new
    {
        n_class = Tags, widths = s.BlockChannels, head = s.HeadChannels, sample_rate = s.Mel!.SampleRate, n_fft = s.Mel.FftSize,
        hop_length = s.Mel.HopLength, f_min = s.Mel.MinFrequency, f_max = s.Mel.MaxFrequency, n_mels = s.Mel.Bands,
    };

    /// <summary>
    /// Noise; two tones over quiet noise; silence, whose bands the dB conversion floors at -100 dB. The tones carry
    /// noise because between the partials of pure tones the power falls to float32's rounding noise, where torchaudio
    /// in float32 and in float64 already differ by 0.6-0.8 dB: a comparison there would compare rounding noise. Over
    /// the noise, the bands 60 dB below the tones still carry some: that is what `TheirFloat32AgainstFloat64` shows.
    /// </summary>
    private static Tensor Signals(int samples, int rate)
    {
        var generator = new Generator(5);
        var time = arange(samples, dtype: ScalarType.Float64) / rate;
        var tones = (0.3 * sin(time * (2 * Math.PI * 440)) + 0.1 * sin(time * (2 * Math.PI * 3_000))).to_type(ScalarType.Float32);
        var noise = randn(samples, generator: generator) * 0.1;
        return stack([noise, tones + randn(samples, generator: generator) * 0.003, zeros(samples)]).unsqueeze(1);
    }

    [Theory]
    [InlineData(16_000, 512, 256, 0, 8_000, 128, Samples)]
    [InlineData(22_050, 1_024, 300, 40, 11_025, 96, 30_000)]
    [InlineData(8_000, 256, 64, 0, 4_000, 64, 20_000)]
    public void The_log_mel_front_end_matches_torchaudios_MelSpectrogram_and_AmplitudeToDB(int rate, int fft, int hop, double fMin, double fMax, int bands, int samples)
    {
        using var scope = NewDisposeScope();
        var result = ParityHarness.FrontEnd(new MelSettings(rate, fft, hop, fMin, fMax, bands), Signals(samples, rate));

        output.WriteLine(result.ToString());
        Assert.True(result.Decibels < 1e-4, result.ToString());
        // torchaudio computes the filter bank in float32, about 1e-5 of its scale from the exact values we compute.
        Assert.True(result.Window < 1e-6 && result.Filters < 1e-4, result.ToString());
        // What remains is float32's own rounding in the STFT of the quieter bands: as large as torchaudio's own.
        Assert.True(result.DecibelsWithTheirFilters < 1e-4 && result.Decibels < 3 * result.TheirFloat32AgainstFloat64 + 1e-6, result.ToString());
    }

    [Theory]
    [MemberData(nameof(MelArchitectures))]
    public void A_short_chunk_model_reproduces_minzwons_in_its_own_key_layout(Architecture architecture)
    {
        var settings = Narrow(architecture);
        var result = ParityHarness.Run(settings, Tags, Layout.Minzwon, Reference(architecture), Arguments(settings), samples: Samples);

        output.WriteLine(result.ToString());
        Assert.True(result.Logits < 1e-5 && result.Probabilities < 1e-5, result.ToString());
        Assert.True(result.Loss < 1e-5 && result.Weights < 1e-5, result.ToString());
    }

    [Theory]
    [MemberData(nameof(MelArchitectures))]
    public void A_short_chunk_model_at_their_widths_has_as_many_parameters_as_theirs(Architecture architecture)
    {
        using var dir = new TempDirectory("parity-count");
        var settings = Narrow(architecture) with { BlockChannels = [128, 128, 256, 256, 256, 256, 512], HeadChannels = 512 };
        File.WriteAllText(dir.File("count.json"), JsonSerializer.Serialize(new
        {
            mode = "count",
            models = new[] { new { model = Reference(architecture), args = new { n_class = Tags } } },
        }));

        var theirs = JsonSerializer.Deserialize<long[]>(Python.RunFile(ParityHarness.Script("parity_step.py"), dir.File("count.json")))!;
        using var model = ModelFactory.Create(settings, Samples, Tags);

        output.WriteLine($"{architecture}: {ModelFactory.ParameterCount(model):N0} parameters");
        Assert.Equal(theirs[0], ModelFactory.ParameterCount(model));
    }
}
