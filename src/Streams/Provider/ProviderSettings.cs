namespace Pipeline.Streams.Provider;

/// <summary>How training draws windows from a clip each epoch.</summary>
public enum TrainingWindows
{
    /// <summary>One window at a random offset per clip and epoch (minzwon's loader, Won et al. 2020).</summary>
    Random,
    /// <summary>Every non-overlapping window of every clip (Lee et al. 2017, Kim et al. 2018: 10 per MTAT clip).</summary>
    All,
}

/// <summary>
/// The data provider's shape: window length, windowing mode, buffer sizes that bound what is in flight, decoding
/// parallelism, and when decoding failures count as systematic.
/// </summary>
public sealed record ProviderSettings(
    int SegmentSamples,
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

    /// <summary>
    /// The most clips that can be decoded but not yet handed to the consumer in training with random windows: the
    /// decode and downsample lanes, the failure guard and the clip being cut, the asynchronous boundary's buffer,
    /// the shuffle buffer, three batches (being grouped, waiting in the sink, and at the consumer), and the two
    /// segments the batch stage holds back after a full batch. It does not depend on the size of the dataset.
    /// </summary>
    public int MaxClipsInFlight(int batchSize) => 2 * DecodeParallelism + 2 + StreamBuffer + ShuffleBuffer + 3 * batchSize + 2;

}
