using Pipeline.Model.Checkpoints;
using Pipeline.Model.Models;
using Pipeline.Shared;
using Pipeline.Model.Training.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Training;

/// <summary>
/// The training graph and its optimiser, with the bookkeeping a checkpoint needs (epoch, step, schedule), and the one
/// owner of the learning rate: every step runs at the rate its schedule gives for it (<see cref="TrainingSchedule.RateAt"/>).
/// Not thread-safe: the trainer actor drives it from its dedicated thread.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly IDisposable _cudnnBenchmark;
    private OptimizerHelper _optimizer;
    private OptimiserSpec _optimiserSpec;

    /// <param name="trainClips">The training split's size, from which a schedule that spans the run estimates an epoch's steps.</param>
    /// <param name="tracksWindows">Keep the windows of the epoch in progress for the checkpoint (a cluster's epochs cannot be replayed by steps).</param>
    public TrainingSession(ModelSettings model, TrainingSettings training, int windowSamples, IReadOnlyList<string> tags, Device device, int trainClips = 1,
        bool tracksWindows = false)
    {
        _windowsTrained = tracksWindows ? [] : null;
        ModelSettings = model;
        Settings = training;
        WindowSamples = windowSamples;
        Tags = tags;
        Device = device;
        Model = TorchRuntime.WithRandomGenerator(() =>
        {
            manual_seed(training.Seed);
            return ModelFactory.Create(model, windowSamples, tags.Count);
        });
        Model.to(device);
        _cudnnBenchmark = CudnnBenchmark.ForTraining(device);
        OneDnnConvolutionDefect.AvoidFor(Model, device);
        LowPrecision = PrecisionSupport.LowPrecision(training.Precision, device);
        Autocast.Apply(Model, LowPrecision);
        Schedule = TrainingSchedule.Create(training);
        Run = new RunLength(training, trainClips);
        _optimiserSpec = Schedule.Optimiser;
        _optimizer = Optimisers.Create(Model, _optimiserSpec, Schedule.LearningRate);
    }

    public Module<Tensor, Tensor> Model { get; }
    public ModelSettings ModelSettings { get; }
    public TrainingSettings Settings { get; }
    public int WindowSamples { get; }
    public IReadOnlyList<string> Tags { get; }
    public Device Device { get; }
    /// <summary>The type convolutions and dense layers compute in; null: float32.</summary>
    public ScalarType? LowPrecision { get; }
    public TrainingSchedule Schedule { get; private set; }
    /// <summary>The optimiser of the current stage (a stage may replace it).</summary>
    public OptimizerHelper Optimizer => _optimizer;

    /// <summary>The run's clock and length in steps (the cosine schedule spans it; the time budget ends it).</summary>
    public RunLength Run { get; }

    public int Epoch { get; private set; }
    public long Step { get; private set; }
    public long StepInEpoch { get; private set; }

    /// <summary>The windows the epoch in progress has trained on, when tracked; empty otherwise.</summary>
    public IReadOnlySet<long> WindowsTrainedInEpoch => _windowsTrained ?? [];

    private readonly HashSet<long>? _windowsTrained;

    /// <summary>The rate the next step will run at.</summary>
    public double LearningRate => Schedule.RateAt(Step, Run);

    /// <summary>One optimiser step on <paramref name="batch"/>; returns the batch's mean BCE loss.</summary>
    public float TrainStep(Batch batch)
    {
        // The schedule's rate for this very step: a new stage's, with Keras' decay a new one at every step, and under a
        // cosine one read off a horizon that this batch's clips help estimate.
        Run.Stepped(batch.Clips);
        _windowsTrained?.UnionWith(batch.Rows.Select(row => row.Key));
        var rate = Schedule.RateAt(Step, Run);
        foreach (var group in _optimizer.ParamGroups)
            group.LearningRate = rate;
        var mixed = Settings.Mixup.Apply(batch, Settings.Seed, Step);
        return TorchRuntime.WithRandomGenerator(() => OptimiserStep(mixed));
    }

    private float OptimiserStep(Batch batch)
    {
        using var scope = NewDisposeScope();
        Model.train();
        var input = TorchRuntime.ToDevice(tensor(batch.Samples, [batch.Count, 1, batch.WindowSamples]), Device);
        var target = TorchRuntime.ToDevice(tensor(batch.Labels, [batch.Count, batch.TagCount]), Device);
        _optimizer.zero_grad();
        // The loss in float32 whatever the layers computed in, as autocast runs it.
        var loss = functional.binary_cross_entropy_with_logits(Model.call(input).to(ScalarType.Float32), target);
        loss.backward();
        _optimizer.step();
        Step++;
        StepInEpoch++;
        // The step's one wait for the GPU: the trainer logs the loss and stops on a non-finite one.
        return loss.item<float>();
    }

    public void CompleteEpoch()
    {
        Run.EpochEnded(StepInEpoch);
        _windowsTrained?.Clear();
        Epoch++;
        StepInEpoch = 0;
    }

    public WeightSnapshot Snapshot(long version) =>
        WeightSnapshot.Capture(Model, version, Epoch, Step, new ResumeState(StepInEpoch, OptimizerState(), RandomGeneratorState()));

    /// <summary>
    /// The schedule's decision for one validation loss; a new stage takes effect through <see cref="StartStage"/>.
    /// Under a cosine schedule the rate follows the cosine instead, and the plateau ladder only decides when the run
    /// stops early: after as many evaluations without improvement as the whole ladder of reductions would have waited.
    /// </summary>
    public ScheduleDecision ObserveValidationLoss(double loss) => Schedule.Observe(loss, Step);

    /// <summary>
    /// Begins the stage the schedule decided on: back to the weights of <paramref name="bestCheckpoint"/> (parameters
    /// and batch-norm statistics, as Keras' load_weights and PyTorch's load_state_dict restore them) and a fresh
    /// optimiser when it asks for them. The rate itself is applied at every step.
    /// </summary>
    public void StartStage(StageStart stage, string bestCheckpoint)
    {
        if (stage.RestoreBestWeights)
        {
            if (!File.Exists(bestCheckpoint))
                throw new InvalidOperationException($"the schedule starts a stage from the best weights, but there is no {bestCheckpoint}");
            CheckpointFile.Load(bestCheckpoint, Model, optimizer: null);
        }
        if (stage.FreshOptimiser is { } spec)
            ReplaceOptimiser(spec);
    }

    private void ReplaceOptimiser(OptimiserSpec spec)
    {
        _optimizer.Dispose();
        _optimizer = Optimisers.Create(Model, spec, Schedule.LearningRateAt(Step));
        _optimiserSpec = spec;
    }

    public CheckpointInfo Info(long snapshotVersion, double? validationLoss, string configHash, int sampleRate) =>
        new(Epoch, Step, StepInEpoch, snapshotVersion, Schedule.State, validationLoss, Tags, configHash, ModelSettings,
            WindowSamples, sampleRate, DateTime.UtcNow);

    /// <summary>The resumable checkpoint: current weights, optimiser state, RNG state.</summary>
    public void SaveLast(string path, string configHash, int sampleRate) =>
        CheckpointFile.Save(path, Info(0, null, configHash, sampleRate) with { WindowsTrainedInEpoch = [.. WindowsTrainedInEpoch.Order()] },
            Model.state_dict(), OptimizerState(), RandomGeneratorState());

    /// <summary>
    /// The best checkpoint, from the snapshot that scored best: its weights and, when it has them, the optimiser and
    /// random generator states of its step, so it resumes like `last` would have at that step.
    /// </summary>
    public void SaveBest(string path, WeightSnapshot snapshot, double validationLoss, string configHash, int sampleRate)
    {
        var info = Info(snapshot.Version, validationLoss, configHash, sampleRate) with
        {
            Epoch = snapshot.Epoch,
            Step = snapshot.Step,
            StepInEpoch = snapshot.Resume?.StepInEpoch ?? 0,
        };
        CheckpointFile.Save(path, info, snapshot.State, snapshot.Resume?.Optimizer, snapshot.Resume?.Random);
    }

    private byte[] OptimizerState()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            _optimizer.save_state_dict(writer);
        return stream.ToArray();
    }

    private RandomState RandomGeneratorState() => TorchRuntime.WithRandomGenerator(() => RandomState.Capture(Device));

    /// <summary>Continues from a `last` checkpoint: weights, optimiser, schedule, counters and RNG.</summary>
    public CheckpointInfo Resume(string path)
    {
        // The schedule first: its stage says which optimiser the saved state belongs to.
        Schedule = TrainingSchedule.Create(Settings, CheckpointFile.ReadInfo(path).Schedule);
        if (Schedule.Optimiser != _optimiserSpec)
            ReplaceOptimiser(Schedule.Optimiser);
        var (info, rng) = CheckpointFile.Load(path, Model, _optimizer);
        if (!info.Tags.SequenceEqual(Tags))
            throw new InvalidOperationException($"{path} was trained on other tags than this dataset's; resume with the same extraction");
        Epoch = info.Epoch;
        Step = info.Step;
        StepInEpoch = info.StepInEpoch;
        _windowsTrained?.UnionWith(info.WindowsTrainedInEpoch);
        TorchRuntime.WithRandomGenerator(() =>
        {
            rng.Restore(Device, path);
            return true;
        });
        return info;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        Model.Dispose();
        _cudnnBenchmark.Dispose();
    }
}
