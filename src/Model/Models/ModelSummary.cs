using System.Text;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>One layer of a model summary: where it is, its type, the shape it outputs, its own parameters.</summary>
public sealed record LayerSummary(string Name, string Type, long[] OutputShape, long Parameters);

/// <summary>
/// Runs one dummy window through the model with forward hooks on every leaf layer, recording output shapes in
/// execution order, so the summary always matches what forward really does.
/// </summary>
public static class ModelSummary
{
    public static IReadOnlyList<LayerSummary> Trace(Module<Tensor, Tensor> model, int inputSamples)
    {
        var layers = new List<LayerSummary>();
        var removers = new List<HookableModule<Func<Module<Tensor, Tensor>, Tensor, Tensor>, Func<Module<Tensor, Tensor>, Tensor, Tensor, Tensor>>.HookRemover>();
        foreach (var (name, module) in model.named_modules())
        {
            if (module is not Module<Tensor, Tensor> leaf || module.children().Any())
                continue;
            var parameters = module.parameters(recurse: false).Sum(p => p.numel());
            removers.Add(leaf.register_forward_hook((layer, _, output) =>
            {
                layers.Add(new LayerSummary(name, layer.GetType().Name, output.shape, parameters));
                return output;
            }));
        }

        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            model.forward(zeros(1, 1, inputSamples));
        }
        finally
        {
            foreach (var remover in removers)
                remover.remove();
            model.train(wasTraining);
        }
        return layers;
    }

    public static string Render(Module<Tensor, Tensor> model, int inputSamples)
    {
        var layers = Trace(model, inputSamples);
        var text = new StringBuilder();
        text.AppendLine($"{"layer",-28} {"type",-20} {"output shape",-18} {"parameters",12}");
        text.AppendLine(new string('-', 81));
        text.AppendLine($"{"input",-28} {"",-20} {$"[1, 1, {inputSamples}]",-18} {"",12}");
        foreach (var layer in layers)
            text.AppendLine($"{layer.Name,-28} {layer.Type,-20} {$"[{string.Join(", ", layer.OutputShape)}]",-18} {layer.Parameters,12:N0}");
        text.AppendLine(new string('-', 81));
        text.AppendLine($"total parameters: {ModelFactory.ParameterCount(model):N0}");
        return text.ToString();
    }
}
