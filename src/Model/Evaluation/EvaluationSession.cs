using Pipeline.Model.Checkpoints;
using Pipeline.Model.Metrics;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Shared;
using Serilog;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Model.Evaluation;

/// <summary>
/// A model instance of its own for evaluation and tagging: loads a snapshot or a checkpoint, predicts tag
/// probabilities for batches of windows (with a layer's output, through a <see cref="LayerTap"/>). Its layers compute
/// in the configured precision, as training's do; the weights it loads stay float32.
/// </summary>
public sealed class EvaluationSession : IDisposable
{
    public EvaluationSession(ModelSettings model, int windowSamples, IReadOnlyList<string> tags, Device device, Precision precision)
    {
        Tags = tags;
        WindowSamples = windowSamples;
        Device = device;
        Model = TorchRuntime.WithoutDisturbingRandomGenerator(() => ModelFactory.Create(model, windowSamples, tags.Count));
        Model.to(device);
        Model.eval();
        LowPrecision = PrecisionSupport.LowPrecision(precision, device);
        Autocast.Apply(Model, LowPrecision);
    }

    public nn.Module<Tensor, Tensor> Model { get; }
    public IReadOnlyList<string> Tags { get; }
    public int WindowSamples { get; }
    public Device Device { get; }
    /// <summary>The type convolutions and dense layers compute in; null: float32.</summary>
    public ScalarType? LowPrecision { get; }

    /// <summary>A session for a checkpoint's model, weights loaded; also returns the checkpoint's info.</summary>
    public static (EvaluationSession Session, CheckpointInfo Info) FromCheckpoint(string path, Device device, Precision precision)
    {
        var info = CheckpointFile.ReadInfo(path);
        var session = new EvaluationSession(info.Model, info.WindowSamples, info.Tags, device, precision);
        try
        {
            CheckpointFile.Load(path, session.Model, optimizer: null);
            return (session, info);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Load(WeightSnapshot snapshot) => snapshot.LoadInto(Model);

    /// <summary>Tag probabilities [rows, tags] for a batch of windows.</summary>
    public float[] Predict(Batch batch)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = TorchRuntime.ToDevice(tensor(batch.Samples, [batch.Count, 1, batch.WindowSamples]), Device);
        return nn.functional.sigmoid(Model.call(input).to(ScalarType.Float32)).cpu().data<float>().ToArray();
    }

    public void Dispose() => Model.Dispose();
}
