using System.Text.Json;
using Pipeline.Model.Interop;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
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

    public static ParityResult Run(ModelSettings settings, int tags, Layout layout, string reference, object arguments, int batch = 2)
    {
        using var dir = new TempDirectory("parity");
        using var model = TorchRuntime.WithRandomGenerator(() =>
        {
            manual_seed(11);
            return ModelFactory.Create(settings, settings.InputSamples, tags);
        });
        Perturb(model, new Generator(12));
        var weights = dir.File("weights.pt");
        PyTorchWeights.Export(model, settings, layout, weights);

        var generator = new Generator(13);
        using var input = randn(batch, 1, settings.InputSamples, generator: generator) * 0.1;
        using var target = (rand(batch, tags, generator: generator) > 0.7).to_type(ScalarType.Float32);
        StateDictFile.Write(dir.File("batch.pt"), new Dictionary<string, Tensor> { ["input"] = input, ["target"] = target });
        var spec = dir.File("spec.json");
        File.WriteAllText(spec, JsonSerializer.Serialize(new
        {
            mode = "step", model = reference, args = arguments, weights, batch = dir.File("batch.pt"), @out = dir.File("out.pt"),
            lr = LearningRate, momentum = Momentum,
        }));
        Python.RunFile(Script("parity_step.py"), spec);
        var expected = StateDictFile.Read(dir.File("out.pt"));
        try
        {
            return Compare(model, settings, layout, weights, input, target, expected);
        }
        finally
        {
            foreach (var tensor in expected.Values)
                tensor.Dispose();
        }
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
        using var twin = ModelFactory.Create(settings with { Dropout = 0, BlockDropout = 0 }, settings.InputSamples, (int)target.shape[1]);
        PyTorchWeights.Import(weights, twin, settings, layout);
        twin.to(ScalarType.Float64).train();
        using var sgd = optim.SGD(twin.parameters(), LearningRate, momentum: Momentum, nesterov: true);
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
        foreach (var norm in model.modules().OfType<TorchSharp.Modules.BatchNorm1d>())
        {
            norm.running_mean!.copy_(randn(norm.running_mean.shape, generator: generator) * 0.1);
            norm.running_var!.copy_(rand(norm.running_var.shape, generator: generator) + 0.5);
            norm.weight!.copy_(randn(norm.weight.shape, generator: generator) * 0.1 + 1);
            norm.bias!.copy_(randn(norm.bias.shape, generator: generator) * 0.1);
        }
    }
}
