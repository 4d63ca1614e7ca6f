using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Checkpoints;

/// <summary>
/// Reads weights saved in TorchSharp's state-dict format (Module.save_state_dict) into a model's own parameters and
/// buffers, wherever the model lives. TorchSharp 0.107's Module.load moves a module that is not on the CPU to the CPU,
/// loads and moves it back, and each move replaces every Parameter with a new one: an optimiser built on the model
/// keeps its state under the old tensors and fails at its next lookup, so on a GPU a resume, or a stage that goes back
/// to the best weights, failed. Here each saved tensor is read on the host and copied into the tensor the model
/// already has, which keeps its identity and its device.
/// </summary>
public static class SavedWeights
{
    /// <summary>Loads the state dict at the reader's position into <paramref name="model"/>; every key, shape and type must match.</summary>
    public static void Load(BinaryReader reader, Module model, string source)
    {
        var saved = Read(reader);
        try
        {
            var own = model.state_dict();
            Check(saved, own, source);
            using var _ = no_grad();
            foreach (var (name, target) in own)
                target.copy_(saved[name]);
        }
        finally
        {
            foreach (var tensor in saved.Values)
                tensor.Dispose();
        }
    }

    /// <summary>The entries as Module.save_state_dict writes them: a LEB128 count, then a name and a tensor each.</summary>
    private static Dictionary<string, Tensor> Read(BinaryReader reader)
    {
        var saved = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            var count = reader.Read7BitEncodedInt64(); // TorchSharp's LEB128 count is .NET's 7-bit encoding
            for (long i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var tensor = TorchSharp.TensorExtensionMethods.Load(reader).DetachFromDisposeScope();
                if (!saved.TryAdd(name, tensor))
                {
                    tensor.Dispose();
                    throw new InvalidDataException($"the saved weights hold '{name}' twice");
                }
            }
            return saved;
        }
        catch
        {
            foreach (var tensor in saved.Values)
                tensor.Dispose();
            throw;
        }
    }

    private static void Check(Dictionary<string, Tensor> saved, Dictionary<string, Tensor> own, string source)
    {
        var missing = own.Keys.Where(k => !saved.ContainsKey(k)).ToList();
        var unexpected = saved.Keys.Where(k => !own.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidDataException($"{source} does not fit the model: " +
                                           $"missing {List(missing)}; not in the model {List(unexpected)}");
        foreach (var (name, target) in own)
        {
            var tensor = saved[name];
            if (!tensor.shape.SequenceEqual(target.shape))
                throw new InvalidDataException($"{source}: '{name}' has shape [{string.Join(", ", tensor.shape)}], the model's [{string.Join(", ", target.shape)}]");
            if (tensor.dtype != target.dtype)
                throw new InvalidDataException($"{source}: '{name}' holds {tensor.dtype}, the model {target.dtype}");
        }
    }

    private static string List(IReadOnlyList<string> names) =>
        names.Count == 0 ? "nothing" : string.Join(", ", names.Take(6)) + (names.Count > 6 ? $" and {names.Count - 6} more" : "");
}
