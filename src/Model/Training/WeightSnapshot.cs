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

    private WeightSnapshot(long version, int epoch, long step, Dictionary<string, Tensor> state, ResumeState? resume)
    {
        Version = version;
        Epoch = epoch;
        Step = step;
        _state = state;
        Resume = resume;
    }

    public long Version { get; }
    public int Epoch { get; }
    public long Step { get; }

    public IReadOnlyDictionary<string, Tensor> State => _state;

    /// <summary>Present on the trainer's snapshots, so the best one can be saved as a checkpoint that resumes.</summary>
    public ResumeState? Resume { get; }

    public static WeightSnapshot Capture(Module model, long version, int epoch, long step, ResumeState? resume = null)
    {
        var copy = new Dictionary<string, Tensor>();
        using (no_grad())
        {
            foreach (var (name, tensor) in model.state_dict())
                copy[name] = tensor.detach().to(CPU, copy: true).DetachFromDisposeScope();
        }
        return new WeightSnapshot(version, epoch, step, copy, resume);
    }

    /// <summary>Copies the snapshot into <paramref name="model"/>'s own tensors (the snapshot stays untouched).</summary>
    public void LoadInto(Module model)
    {
        using var _ = no_grad();
        var (missing, unexpected) = model.load_state_dict(_state, strict: true);
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidOperationException($"snapshot {Version} does not fit the model (missing: {string.Join(", ", missing)}; unexpected: {string.Join(", ", unexpected)})");
    }

    /// <summary>The tensors in TorchSharp's state-dict format, to send to another node.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            Module.save_state_dict(writer, _state, []);
        return stream.ToArray();
    }

    /// <summary>A snapshot from <see cref="ToBytes"/>, read through a model of the same shape (which is then discarded).</summary>
    public static WeightSnapshot FromBytes(byte[] bytes, Module model, long version, int epoch, long step)
    {
        using (var reader = new BinaryReader(new MemoryStream(bytes), System.Text.Encoding.UTF8))
            model.load(reader, strict: true);
        return Capture(model, version, epoch, step);
    }

    public void Dispose()
    {
        foreach (var tensor in _state.Values)
            tensor.Dispose();
        _state.Clear();
    }
}
