namespace Pipeline.Streams.Datasets;

/// <summary>How clips are assigned to train/valid/test.</summary>
public enum SplitMode
{
    /// <summary>The dataset's own split (MTAT's folders, FMA's set.split).</summary>
    Published,
    /// <summary>A seeded random split by fractions.</summary>
    Random,
}
