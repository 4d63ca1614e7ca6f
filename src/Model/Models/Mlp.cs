using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>The baseline: a four-layer perceptron on the raw window (three hidden layers with ReLU and dropout). Returns logits.</summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public Mlp(int inputSamples, IReadOnlyList<int> hidden, double dropout, int tags) : base(nameof(Mlp))
    {
        var stack = new List<(string, Module<Tensor, Tensor>)> { ("flatten", Flatten()) };
        var previous = inputSamples;
        for (var i = 0; i < hidden.Count; i++)
        {
            stack.Add(($"fc{i + 1}", Autocast.Linear(previous, hidden[i])));
            stack.Add(($"relu{i + 1}", ReLU()));
            stack.Add(($"dropout{i + 1}", Dropout(dropout)));
            previous = hidden[i];
        }
        stack.Add(("out", Autocast.Linear(previous, tags)));
        layers = Sequential(stack);
        RegisterComponents();
    }

    public override Tensor forward(Tensor waveform) => layers.call(waveform);
}
