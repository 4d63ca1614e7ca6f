using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Training;

/// <summary>An optimiser as a schedule's stage asks for it; the learning rate comes from the schedule.</summary>
public sealed record OptimiserSpec(OptimizerKind Kind, double Momentum, bool Nesterov, double WeightDecay)
{
    public static OptimiserSpec From(TrainingSettings settings) =>
        new(settings.Optimizer, settings.Momentum, settings.Nesterov, settings.WeightDecay);

    public override string ToString() => Kind == OptimizerKind.Sgd
        ? $"SGD (momentum {Momentum}{(Nesterov ? ", Nesterov" : "")}, weight decay {WeightDecay:G3})"
        : $"Adam (weight decay {WeightDecay:G3})";
}

/// <summary>
/// Builds the optimisers: PyTorch's SGD and Adam, stepping with scalars they hold (<see cref="SafeOptimisers.Adam"/> says
/// why TorchSharp's own are not used). Weight decay is PyTorch's: an L2 term added to the gradient (what minzwon's
/// solver.py passes as weight_decay). Keras' <c>decay</c> argument is not this but a learning-rate decay: see
/// <see cref="TrainingSchedule.LearningRateAt"/>.
/// </summary>
public static class Optimisers
{
    public static OptimizerHelper Create(Module model, OptimiserSpec spec, double learningRate) => spec.Kind switch
    {
        OptimizerKind.Sgd => new SafeOptimisers.SGD(model.parameters(), learningRate, spec.Momentum, spec.WeightDecay, spec.Nesterov),
        _ => new SafeOptimisers.Adam(model.parameters(), learningRate, spec.WeightDecay),
    };
}
