namespace Pipeline.Streams.Datasets.Jamendo;

/// <summary>
/// Where MTG-Jamendo's metadata is (the dataset repository's data folder, relative to the source), which tag set,
/// which of the five published splits (0..4), and whether the audio is the low-quality download (NN/ID.low.mp3).
/// </summary>
public sealed record JamendoSettings(string DataFolder, JamendoSubset Subset, int Split, bool LowQualityAudio)
{
    public const int SplitCount = 5;
}
