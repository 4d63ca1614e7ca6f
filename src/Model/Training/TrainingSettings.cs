using Pipeline.Model.Training.Schedules;
namespace Pipeline.Model.Training;

public enum OptimizerKind
{
    /// <summary>SGD with (Nesterov) momentum, as in Lee et al. 2017.</summary>
    Sgd,
    Adam,
}

public enum DeviceChoice
{
    /// <summary>CUDA when a GPU is present, else the CPU.</summary>
    Auto,
    Cpu,
    Cuda,
}

/// <summary>
/// How the trainer optimises: Lee et al.'s defaults are BCE loss, SGD with Nesterov momentum 0.9, learning rate 0.01,
/// batches of 23, the rate times 0.2 when the validation loss stops improving, and an early stop after a few reductions.
/// <see cref="WeightDecay"/> is an L2 term (PyTorch's weight_decay), not Keras' time-based learning-rate decay
/// (<see cref="ScheduleSettings.LrDecay"/>).
/// </summary>
public sealed record TrainingSettings(
    int Epochs,
    int BatchSize,
    OptimizerKind Optimizer,
    double LearningRate,
    double Momentum,
    bool Nesterov,
    double WeightDecay,
    double LrReductionFactor,
    int LrPatience,
    int MaxLrReductions,
    int SnapshotEverySteps,
    int CheckpointEverySteps,
    int LogEverySteps,
    DeviceChoice Device,
    Precision Precision,
    int Threads,
    int Seed,
    int EvaluationBatchSize,
    ScheduleSettings Schedule)
{
    /// <summary>Waveform mixup within each training batch; off unless configured (none of the references use it).</summary>
    public Mixup Mixup { get; init; } = Mixup.Off;
}
