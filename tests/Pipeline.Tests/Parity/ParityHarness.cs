using System.Text.Json;
using Pipeline.Model.Interop;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Tests.Parity;

/// <summary>The largest differences one parity run found, each relative to the reference tensor's largest magnitude.</summary>
public sealed record ParityResult(double Logits, double Probabilities, double Loss, double Weights, string WorstKey, int Tensors)
{
    public override string ToString() =>
        $"eval logits {Logits:E2}, probabilities {Probabilities:E2}; after one step: loss {Loss:E2}, " +
        $"weights {Weights:E2} (worst {WorstKey}, {Tensors} tensors)";
}

/// <summary>Our log-mel front end against torchaudio's, relative to the scale of torchaudio's output (or tensor).</summary>
public sealed record MelFrontEndParity(double Decibels, double DecibelsWithTheirFilters, double TheirFloat32AgainstFloat64, double Window, double Filters)
{
    public override string ToString() =>
        $"dB {Decibels:E2} (with their filter bank {DecibelsWithTheirFilters:E2}; theirs in float32 against float64 " +
        $"{TheirFloat32AgainstFloat64:E2}), window {Window:E2}, filter bank {Filters:E2}";
}

/// <summary>Eval logits' differences, relative to the scale of the reference's float32 logits.</summary>
public sealed record AutocastParity(double OursAgainstTorchAutocast, double OursBf16AgainstFp32, double TorchAutocastAgainstFp32, double Fp32AgainstFp32)
{
    public override string ToString() =>
        $"our bf16 vs torch.autocast {OursAgainstTorchAutocast:E2}; bf16 vs fp32: ours {OursBf16AgainstFp32:E2}, torch's " +
        $"{TorchAutocastAgainstFp32:E2}; fp32 vs fp32 {Fp32AgainstFp32:E2}";
}

/// <summary>
/// Runs our model and its PyTorch reference (Parity/*.py) on the same weights and batch: our weights go over in a
/// state_dict file that the reference loads strictly, and the reference's outputs and post-step weights come back
/// the same way. Eval-mode outputs are compared in float32, as inference runs. The training step runs in float64 on
/// both sides with dropout off (p = 0): in float32 the early layers' gradients carry accumulation noise of ~1e-4 of
/// their scale (PyTorch against itself in float64), which would drown a real difference.
/// </summary>
public static class ParityHarness
{
    public const double LearningRate = 0.01;
    public const double Momentum = 0.9;

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Parity", name);

    /// <param name="samples">The window length; by default the SampleCNN's (stride x m^n). The mel models take any.</param>
    public static ParityResult Run(ModelSettings settings, int tags, Layout layout, string reference, object arguments, int batch = 2, int? samples = null)
    {
        using var dir = new TempDirectory("parity");
        var (model, input, target) = Prepare(dir, settings, tags, layout, batch, samples ?? settings.InputSamples);
        using var _ = model;
        using var __ = input;
        using var ___ = target;
        var expected = RunReference(dir, new { mode = "step", lr = LearningRate, momentum = Momentum }, reference, arguments);
        try
        {
            return Compare(model, settings, layout, dir.File("weights.pt"), input, target, expected);
        }
        finally
        {
            foreach (var tensor in expected.Values)
                tensor.Dispose();
        }
    }

    /// <summary>
    /// Eval-mode logits of our model with its layers in bfloat16 (<see cref="Autocast"/>) against the reference's
    /// under torch.autocast('cpu', bfloat16), each side's also against its own float32 logits; relative to the scale
    /// of the reference's float32 logits.
    /// </summary>
    public static AutocastParity Autocast(ModelSettings settings, int tags, Layout layout, string reference, object arguments, int batch = 4, int? samples = null)
    {
        using var dir = new TempDirectory("parity-autocast");
        var (model, input, target) = Prepare(dir, settings, tags, layout, batch, samples ?? settings.InputSamples);
        using var _ = model;
        using var __ = input;
        using var ___ = target;
        var expected = RunReference(dir, new { mode = "autocast" }, reference, arguments);
        using var scope = NewDisposeScope();
        model.eval();
        using var noGrad = no_grad();
        var oursFp32 = model.call(input);
        Pipeline.Model.Models.Autocast.Apply(model, ScalarType.BFloat16);
        var oursBf16 = model.call(input).to(ScalarType.Float32);
        var (theirsFp32, theirsBf16) = (expected["fp32_logits"], expected["autocast_logits"]);
        var scale = Math.Max(theirsFp32.abs().max().item<float>(), 1e-3);
        double Error(Tensor a, Tensor b) => (a - b).abs().max().item<float>() / scale;
        var result = new AutocastParity(Error(oursBf16, theirsBf16), Error(oursBf16, oursFp32), Error(theirsBf16, theirsFp32), Error(oursFp32, theirsFp32));
        foreach (var tensor in expected.Values)
            tensor.Dispose();
        return result;
    }

    /// <summary>
    /// Our log-mel front end against torchaudio's MelSpectrogram + AmplitudeToDB on the same batch [rows, 1, samples]:
    /// the decibels (with our filter bank, and with torchaudio's loaded into ours as a state dict brings it), the window
    /// and the filter bank, each relative to the scale of torchaudio's; and torchaudio's own float32 decibels against
    /// its float64 ones, the rounding float32 itself leaves.
    /// </summary>
    public static MelFrontEndParity FrontEnd(MelSettings mel, Tensor input)
    {
        using var dir = new TempDirectory("parity-frontend");
        StateDictFile.Write(dir.File("batch.pt"), new Dictionary<string, Tensor> { ["input"] = input });
        File.WriteAllText(dir.File("spec.json"), JsonSerializer.Serialize(new
        {
            mode = "frontend", batch = dir.File("batch.pt"), @out = dir.File("out.pt"),
            args = new { sample_rate = mel.SampleRate, n_fft = mel.FftSize, hop_length = mel.HopLength, f_min = mel.MinFrequency, f_max = mel.MaxFrequency, n_mels = mel.Bands },
        }));
        Python.RunFile(Script("parity_step.py"), dir.File("spec.json"));
        var expected = StateDictFile.Read(dir.File("out.pt"));
        try
        {
            using var scope = NewDisposeScope();
            using var frontEnd = new LogMelSpectrogram(mel);
            using var _ = no_grad();
            var state = frontEnd.state_dict();
            var (window, filters) = (Relative(state["window"], expected["window"]), Relative(state["filters"], expected["fb"]));
            var decibels = Relative(frontEnd.call(input), expected["db"]);
            state["filters"].copy_(expected["fb"]);
            return new MelFrontEndParity(decibels, Relative(frontEnd.call(input), expected["db"]), Relative(expected["db"], expected["db64"]), window, filters);
        }
        finally
        {
            foreach (var tensor in expected.Values)
                tensor.Dispose();
        }
    }

    /// <summary>Our model (seeded, perturbed) and a batch, written where the reference reads them.</summary>
    private static (nn.Module<Tensor, Tensor> Model, Tensor Input, Tensor Target) Prepare(TempDirectory dir, ModelSettings settings, int tags, Layout layout, int batch, int samples)
    {
        var model = TorchRuntime.WithRandomGenerator(() =>
        {
            manual_seed(11);
            return ModelFactory.Create(settings, samples, tags);
        });
        Perturb(model, new Generator(12));
        PyTorchWeights.Export(model, settings, layout, dir.File("weights.pt"));

        var generator = new Generator(13);
        var input = randn(batch, 1, samples, generator: generator) * 0.1;
        var target = (rand(batch, tags, generator: generator) > 0.7).to_type(ScalarType.Float32);
        StateDictFile.Write(dir.File("batch.pt"), new Dictionary<string, Tensor> { ["input"] = input, ["target"] = target });
        return (model, input, target);
    }

    private static Dictionary<string, Tensor> RunReference(TempDirectory dir, object mode, string reference, object arguments)
    {
        var spec = JsonSerializer.SerializeToNode(mode)!.AsObject();
        spec["model"] = reference;
        spec["args"] = JsonSerializer.SerializeToNode(arguments);
        spec["weights"] = dir.File("weights.pt");
        spec["batch"] = dir.File("batch.pt");
        spec["out"] = dir.File("out.pt");
        File.WriteAllText(dir.File("spec.json"), spec.ToJsonString());
        Python.RunFile(Script("parity_step.py"), dir.File("spec.json"));
        return StateDictFile.Read(dir.File("out.pt"));
    }

    private static ParityResult Compare(nn.Module<Tensor, Tensor> model, ModelSettings settings, Layout layout, string weights,
        Tensor input, Tensor target, Dictionary<string, Tensor> expected)
    {
        using var scope = NewDisposeScope();
        model.eval();
        Tensor logits;
        using (no_grad())
            logits = model.call(input);
        var logitError = Relative(logits, expected["eval_logits"]);
        var probabilityError = Relative(nn.functional.sigmoid(logits), expected["eval_probabilities"]);

        // A twin without dropout, loaded through our import path from the file the reference read.
        using var twin = ModelFactory.Create(settings with { Dropout = 0, BlockDropout = 0 }, (int)input.shape[^1], (int)target.shape[1]);
        PyTorchWeights.Import(weights, twin, settings, layout);
        twin.to(ScalarType.Float64).train();
        using var sgd = new global::Pipeline.Model.Training.SafeOptimisers.SGD(twin.parameters(), LearningRate, Momentum, weightDecay: 0, nesterov: true);
        var loss = nn.functional.binary_cross_entropy_with_logits(twin.call(input.to_type(ScalarType.Float64)), target.to_type(ScalarType.Float64));
        loss.backward();
        sgd.step();
        var lossError = Relative(loss.reshape(1), expected["train_loss"]);

        var rename = KeyLayout.ToFile(layout, settings);
        var (worst, worstKey, count) = (0.0, "", 0);
        foreach (var (key, tensor) in twin.state_dict())
        {
            var theirs = expected[$"after.{rename(key)}"];
            var error = tensor.is_floating_point() ? Relative(tensor, theirs) : tensor.allclose(theirs, 0, 0) ? 0 : double.PositiveInfinity;
            count++;
            if (error >= worst)
                (worst, worstKey) = (error, key);
        }
        return new ParityResult(logitError, probabilityError, lossError, worst, worstKey, count);
    }

    /// <summary>
    /// max |ours - theirs| / max |theirs|: the error on the scale of the tensor. The scale is at least 1e-3, so that a
    /// tensor that stays at zero (a zero-initialised bias before batch norm gets no gradient, only rounding) is
    /// compared in absolute terms instead of as noise over noise.
    /// </summary>
    public static double Relative(Tensor ours, Tensor theirs)
    {
        using var scope = NewDisposeScope();
        var (a, b) = (ours.to_type(ScalarType.Float64), theirs.to_type(ScalarType.Float64));
        return (a - b).abs().max().item<double>() / Math.Max(b.abs().max().item<double>(), 1e-3);
    }

    /// <summary>
    /// Non-trivial batch norm statistics and affine parameters, and non-zero biases (Keras' initialisation zeroes
    /// them), so that every tensor the file carries changes what the model computes.
    /// </summary>
    private static void Perturb(nn.Module model, Generator generator)
    {
        using var _ = no_grad();
        foreach (var bias in model.named_parameters().Where(p => p.name.EndsWith(".bias", StringComparison.Ordinal)).Select(p => p.parameter))
            bias.copy_(randn(bias.shape, generator: generator) * 0.05);
        foreach (var (name, norm) in model.named_modules().Where(m => m.module is TorchSharp.Modules.BatchNorm).Select(m => (m.name, (TorchSharp.Modules.BatchNorm)m.module)))
        {
            // The mel models' first batch norm takes decibels: statistics of their size keep its output near 1.
            var (mean, spread) = name == "mel_bn" ? (-40.0, 400.0) : (0.0, 1.0);
            norm.running_mean!.copy_(randn(norm.running_mean.shape, generator: generator) * 0.1 + mean);
            norm.running_var!.copy_((rand(norm.running_var.shape, generator: generator) + 0.5) * spread);
            norm.weight!.copy_(randn(norm.weight.shape, generator: generator) * 0.1 + 1);
            norm.bias!.copy_(randn(norm.bias.shape, generator: generator) * 0.1);
        }
    }
}
