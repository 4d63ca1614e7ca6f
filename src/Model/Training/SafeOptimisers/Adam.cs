using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Model.Training.SafeOptimisers;

/// <summary>
/// PyTorch's Adam (torch.optim.Adam, single-tensor path, with an L2 weight decay added to the gradient), stepping
/// with scalars it holds. TorchSharp's own Adam converts each number into a temporary <see cref="Scalar"/>, passes
/// the native handle and drops the object: the GC may finalize it, freeing the native scalar, while libtorch still
/// reads it. Under load that failed a step with "toFloat: Expected false to be true" and could as well read another
/// number. Same arithmetic, same order, same state as TorchSharp's. The class keeps TorchSharp's name because the
/// saved state names its optimiser's type, and checkpoints written with TorchSharp's Adam must resume with this one.
/// </summary>
public sealed class Adam(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
    : TorchSharp.Modules.Adam(parameters, learningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: weightDecay)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        var (beta1, beta2, weightDecay) = (options.beta1!.Value, options.beta2!.Value, options.weight_decay!.Value);
        var learningRate = options.LearningRate!.Value;
        using var oneMinusBeta1 = (1 - beta1).ToScalar();
        using var oneMinusBeta2 = (1 - beta2).ToScalar();
        using var beta1Scalar = beta1.ToScalar();
        using var beta2Scalar = beta2.ToScalar();
        using var eps = options.eps!.Value.ToScalar();
        using var one = 1.0.ToScalar();
        using var decay = weightDecay.ToScalar();

        foreach (var param in group.Parameters)
        {
            if (param.grad is not { } grad)
                continue;
            var state = (State)_state[param.Handle];
            state.step += 1;
            var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            using var correction2Sqrt = Math.Sqrt(biasCorrection2).ToScalar();
            using var stepSize = (-learningRate / biasCorrection1).ToScalar();

            if (weightDecay != 0)
                grad = grad.add(param, decay);
            state.exp_avg.mul_(beta1Scalar).add_(grad, oneMinusBeta1);
            state.exp_avg_sq.mul_(beta2Scalar).addcmul_(grad, grad.conj(), oneMinusBeta2);
            var denom = state.exp_avg_sq.sqrt().div_(correction2Sqrt).add_(eps, one);
            param.addcdiv_(state.exp_avg, denom, stepSize);
        }
    }, closure);
}
