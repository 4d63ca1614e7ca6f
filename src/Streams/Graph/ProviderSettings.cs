using Pipeline.Streams.Windows;

namespace Pipeline.Streams.Graph;

/// <summary>
/// The one path's shape (pipeline.provider): window length, which windows training takes, buffer sizes that bound
/// what is in flight, how many clips are decoded at once, and when decoding failures count as systematic.
/// </summary>
public sealed record ProviderSettings(
    int WindowSamples,
    TrainingWindows TrainingWindows,
    int ShuffleBuffer,
    int DecodeParallelism,
    int StreamBuffer,
    TimeSpan DecodeTimeout,
    int FailureWindow,
    double MaxFailureFraction,
    Augmentation? Augment = null)
{
    /// <summary>What training windows are varied with (none unless configured).</summary>
    public Augmentation Augmentation => Augment ?? Augmentation.None;

    /// <summary>The failure rule of jobs that need every clip they can get (training, evaluation, extraction).</summary>
    public FailurePolicy Failures => new(FailureWindow, MaxFailureFraction);

    /// <summary>
    /// The most clips that can be decoded but not yet handed to the consumer in training with random windows: the
    /// decode lanes, the failure guard and the clip being cut, the asynchronous boundary's buffer, the shuffle buffer,
    /// three batches (being grouped, waiting in the sink, and at the consumer), and the two windows the batch stage
    /// holds back after a full batch. It does not depend on the size of the dataset.
    /// </summary>
    public int MaxClipsInFlight(int batchSize) => DecodeParallelism + 2 + StreamBuffer + ShuffleBuffer + 3 * batchSize + 2;
}
