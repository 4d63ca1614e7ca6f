using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Model.Checkpoints;

/// <summary>
/// Loads an optimiser's saved state (OptimizerHelper.save_state_dict) so that every state tensor ends on the device of
/// the parameter it belongs to: read on the host, then moved. TorchSharp 0.107 reads into the tensors a state already
/// has (on a device through a host copy, which libtorch's lazy device gives no storage) or into new host tensors for
/// state not made yet (SGD's momentum before the first step), which it then moves to the parameter's device itself;
/// reading on the host and placing afterwards is one rule for every optimiser, state and device, and it is checked.
/// </summary>
public static class SavedOptimiserState
{
    public static void Load(BinaryReader reader, OptimizerHelper optimizer)
    {
        Place(optimizer, _ => CPU);
        optimizer.load_state_dict(reader);
        Place(optimizer, parameter => parameter.device);
    }

    /// <summary>Moves each parameter's state to the device <paramref name="device"/> names for that parameter.</summary>
    public static void Place(OptimizerHelper optimizer, Func<Parameter, Device> device)
    {
        // state_dict lists the states in the order parameters() lists their parameters.
        foreach (var (parameter, state) in optimizer.parameters().Zip(optimizer.state_dict().State))
        {
            var target = device(parameter);
            switch (state)
            {
                case SGD.State sgd:
                    sgd.momentum_buffer = Moved(sgd.momentum_buffer, target);
                    break;
                case Adam.State adam:
                    adam.exp_avg = Moved(adam.exp_avg, target)!;
                    adam.exp_avg_sq = Moved(adam.exp_avg_sq, target)!;
                    adam.max_exp_avg_sq = Moved(adam.max_exp_avg_sq, target);
                    break;
                default:
                    throw new NotSupportedException($"{state.GetType().FullName}: which of its tensors to place on the parameters' device is not known here");
            }
        }
    }

    private static Tensor? Moved(Tensor? tensor, Device device)
    {
        if (tensor is null || (tensor.device_type == device.type && tensor.device_index == device.index))
            return tensor;
        return tensor.to(device, disposeAfter: true).DetachFromDisposeScope();
    }
}
