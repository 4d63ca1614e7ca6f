using Pipeline.Model.Training.Schedules;
using System.Text.Json.Serialization;
using Pipeline.Model.Models;
using Pipeline.Model.Training;

namespace Pipeline.Model.Checkpoints;

/// <summary>
/// Everything a checkpoint records besides tensors: where training was (epoch, step, step within the epoch), the
/// schedule, what the model is (so evaluate and tag can rebuild it), the tags it predicts, and a hash of the
/// configuration it was trained with.
/// </summary>
public sealed record CheckpointInfo(
    int Epoch,
    long Step,
    long StepInEpoch,
    long SnapshotVersion,
    ScheduleState Schedule,
    double? ValidationLoss,
    IReadOnlyList<string> Tags,
    string ConfigHash,
    ModelSettings Model,
    // Checkpoints have always carried it as SegmentSamples (its old name): the name stays, so every checkpoint loads.
    [property: JsonPropertyName("SegmentSamples")] int WindowSamples,
    int SampleRate,
    DateTime CreatedUtc)
{
    /// <summary>
    /// In a cluster run, the windows (<see cref="Pipeline.Shared.WindowRow.Key"/>) the epoch in progress has trained on,
    /// since its batch order cannot be replayed; empty otherwise, and in checkpoints from before it existed.
    /// </summary>
    public IReadOnlyList<long> WindowsTrainedInEpoch { get; init; } = [];
}
