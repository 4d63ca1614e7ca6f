using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Training;

/// <summary>
/// An immutable copy of a model's parameters and buffers on the CPU, versioned with the epoch and step it was taken
/// at. The trainer publishes it and keeps training; nothing writes into these tensors, so later training never
/// changes what the snapshot evaluates to. Whoever holds it last disposes it.
/// </summary>
public sealed class WeightSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _state;

    private WeightSnapshot(long version, int epoch, long step, Dictionary<string, Tensor> state)
    {
        Version = version;
        Epoch = epoch;
        Step = step;
        _state = state;
    }

    public long Version { get; }
    public int Epoch { get; }
    public long Step { get; }

    public IReadOnlyDictionary<string, Tensor> State => _state;

    public static WeightSnapshot Capture(Module model, long version, int epoch, long step)
    {
        var copy = new Dictionary<string, Tensor>();
        using (no_grad())
        {
            foreach (var (name, tensor) in model.state_dict())
                copy[name] = tensor.detach().to(CPU, copy: true).DetachFromDisposeScope();
        }
        return new WeightSnapshot(version, epoch, step, copy);
    }

    /// <summary>Copies the snapshot into <paramref name="model"/>'s own tensors (the snapshot stays untouched).</summary>
    public void LoadInto(Module model)
    {
        using var _ = no_grad();
        var (missing, unexpected) = model.load_state_dict(_state, strict: true);
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidOperationException($"snapshot {Version} does not fit the model (missing: {string.Join(", ", missing)}; unexpected: {string.Join(", ", unexpected)})");
    }

    public void Dispose()
    {
        foreach (var tensor in _state.Values)
            tensor.Dispose();
        _state.Clear();
    }
}
