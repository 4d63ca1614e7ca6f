using Pipeline.Model.Models;
using Pipeline.Model.Training;

namespace Pipeline.Model.Checkpoints;

/// <summary>A checkpoint's weights as a <see cref="WeightSnapshot"/>, the form evaluators take.</summary>
public static class CheckpointWeights
{
    public static WeightSnapshot Load(string path, CheckpointInfo info)
    {
        using var model = TorchRuntime.WithoutDisturbingRandomGenerator(() => ModelFactory.Create(info.Model, info.WindowSamples, info.Tags.Count));
        CheckpointFile.Load(path, model, optimizer: null);
        return WeightSnapshot.Capture(model, info.SnapshotVersion, info.Epoch, info.Step);
    }
}
