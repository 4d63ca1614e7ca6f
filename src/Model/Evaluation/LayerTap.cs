using Pipeline.Model.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Evaluation;

/// <summary>
/// Listens to one layer of a model with a forward hook and keeps what it gave for the last batch, one row per window,
/// as float32 on the CPU, whatever the model's device and precision: an embedding taken during the same forward pass
/// that gives the tag probabilities. By default the penultimate layer (what the output layer takes in); by name, the
/// named module's output (the names `model summary` prints). A layer's output over time [rows, channels, time] is
/// averaged over time, and a 2-D feature map [rows, channels, frequency, time] over both, so every row is one vector
/// of its channels.
/// </summary>
public sealed class LayerTap : IDisposable
{
    private readonly IDisposable _remover;
    private float[]? _rows;

    private LayerTap(string layer, Func<Func<Tensor, Tensor>, IDisposable> attach)
    {
        Layer = layer;
        _remover = attach(Capture);
    }

    /// <summary>What is tapped, e.g. "penultimate (input of classifier)" or "blocks.block9".</summary>
    public string Layer { get; }

    /// <summary>Values per row of the last batch; 0 before the first one.</summary>
    public int Size { get; private set; }

    /// <summary>Taps <paramref name="layer"/> of <paramref name="model"/>, or its penultimate layer when null.</summary>
    public static LayerTap Attach(Module<Tensor, Tensor> model, string? layer)
    {
        var modules = model.named_modules().ToList();
        if (layer is null)
        {
            var (name, output) = modules.LastOrDefault(m => m.module is TorchSharp.Modules.Linear or AutocastLinear);
            if (output is not Module<Tensor, Tensor> last)
                throw new ArgumentException($"{model.GetType().Name} has no dense output layer whose input could be its embedding; name a layer");
            return new LayerTap($"penultimate (input of {name})", capture => new Remover(last.register_forward_pre_hook((_, input) =>
            {
                capture(input);
                return input;
            }).remove));
        }
        var (_, tapped) = modules.FirstOrDefault(m => m.name == layer);
        if (tapped is not Module<Tensor, Tensor> module)
        {
            var names = modules.Select(m => m.name).Where(n => n.Length > 0);
            throw new ArgumentException($"the model has no layer '{layer}'; its layers are: {string.Join(", ", names)}");
        }
        return new LayerTap(layer, capture => new Remover(module.register_forward_hook((_, _, output) =>
        {
            capture(output);
            return output;
        }).remove));
    }

    /// <summary>The tapped values of the last forward pass, [rows, <see cref="Size"/>] row-major; each pass's are taken once.</summary>
    public float[] Take()
    {
        var rows = _rows ?? throw new InvalidOperationException($"no forward pass went through {Layer} since the last Take");
        _rows = null;
        return rows;
    }

    private Tensor Capture(Tensor values)
    {
        using var scope = NewDisposeScope();
        var rows = values.detach();
        rows = rows.dim() switch
        {
            3 => rows.mean([2]),
            4 => rows.mean([2, 3]),
            2 => rows,
            _ => rows.flatten(1),
        };
        rows = rows.to(ScalarType.Float32).cpu().contiguous();
        Size = (int)rows.shape[1];
        _rows = rows.data<float>().ToArray();
        return values;
    }

    public void Dispose() => _remover.Dispose();

    private sealed class Remover(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
