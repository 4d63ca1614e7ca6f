using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Model.Training.SafeOptimisers;

/// <summary>
/// PyTorch's SGD (torch.optim.SGD: L2 weight decay on the gradient, momentum without dampening, optionally Nesterov),
/// stepping with scalars it holds through every native call, for the reason given on <see cref="Adam"/>.
/// Same arithmetic, same order, same state (and type name, for the same reason) as TorchSharp's SGD.
/// </summary>
public sealed class SGD(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay, bool nesterov)
    : TorchSharp.Modules.SGD(parameters, learningRate, momentum, dampening: 0, weight_decay: weightDecay, nesterov: nesterov)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = group.Options;
        var (momentum, weightDecay, nesterov) = (options.momentum!.Value, options.weight_decay!.Value, options.nesterov!.Value);
        using var momentumScalar = momentum.ToScalar();
        using var oneMinusDampening = (1 - options.dampening!.Value).ToScalar();
        using var decay = weightDecay.ToScalar();
        using var minusRate = (-options.LearningRate!.Value).ToScalar();

        foreach (var param in group.Parameters)
        {
            if (param.grad is not { } grad)
                continue;
            var state = (State)_state[param.Handle];
            if (weightDecay != 0)
                grad = grad.add(param, decay);
            if (momentum != 0)
            {
                if (state.momentum_buffer is null)
                    state.momentum_buffer = grad.clone().detach().DetachFromDisposeScope();
                else
                    state.momentum_buffer.mul_(momentumScalar).add_(grad, oneMinusDampening);
                grad = nesterov ? grad.add(state.momentum_buffer, momentumScalar) : state.momentum_buffer;
            }
            param.add_(grad, minusRate);
        }
    }, closure);
}
