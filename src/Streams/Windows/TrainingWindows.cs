namespace Pipeline.Streams.Windows;

/// <summary>Which windows training takes from a clip each epoch (pipeline.provider.training-windows).</summary>
public enum TrainingWindows
{
    /// <summary>One window at a random offset per clip and epoch (minzwon's loader, Won et al. 2020).</summary>
    Random,
    /// <summary>Every non-overlapping window of every clip (Lee et al. 2017, Kim et al. 2018: 10 per MTAT clip).</summary>
    All,
}
