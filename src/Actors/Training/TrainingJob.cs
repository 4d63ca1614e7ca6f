using Pipeline.Model.Models;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Training;

/// <summary>
/// Everything a training run needs: the model and training settings, where each epoch's batches come from
/// (<see cref="TrainingData"/>: this node's provider or the cluster's workers), the validation clips and their audio,
/// the run folder, and what checkpoints record about the configuration.
/// </summary>
public sealed record TrainingJob(
    ModelSettings Model,
    TrainingSettings Training,
    ProviderSettings Provider,
    IReadOnlyList<string> Tags,
    ITrainingData TrainingData,
    IReadOnlyList<ClipRef> ValidClips,
    IClipAudio ValidAudio,
    RunFolder Run,
    string ConfigHash,
    int SampleRate,
    bool Resume)
{
    public EvaluationJob Validation => new(Model, Tags, Training.Device, Training.Precision, Provider, SampleRate, ValidClips, ValidAudio,
        Training.EvaluationBatchSize);
}
