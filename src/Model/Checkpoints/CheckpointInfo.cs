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
    int SegmentSamples,
    int SampleRate,
    DateTime CreatedUtc);
