using Akka;
using Akka.Streams.Dsl;
using Pipeline.Model.Models;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Training;

/// <summary>
/// Everything a training run needs: the model and training settings, the provider with the train and validation
/// clips and where their audio comes from (cache or decoders), the run folder, and what checkpoints record about
/// the configuration.
/// </summary>
public sealed record TrainingJob(
    ModelSettings Model,
    TrainingSettings Training,
    DataProvider Provider,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ClipRef> TrainClips,
    Flow<ClipRef, ClipAudio, NotUsed> TrainAudio,
    IReadOnlyList<ClipRef> ValidClips,
    Flow<ClipRef, ClipAudio, NotUsed> ValidAudio,
    RunFolder Run,
    string ConfigHash,
    int SampleRate,
    bool Resume)
{
    /// <summary>Where epochs come from: this node's provider unless <see cref="Distributed"/> names worker nodes.</summary>
    public ITrainingData? Distributed { get; init; }

    public ITrainingData TrainingData => Distributed ?? new LocalTrainingData(Provider, TrainClips, TrainAudio, Training.BatchSize, Training.Seed);

    public EvaluationJob Validation => new(Model, Tags, Training.Device, Training.Precision, Provider, ValidClips, ValidAudio, Training.EvaluationBatchSize);
}
