namespace Pipeline.Streams.Datasets.Mtat;

/// <summary>
/// Where MagnaTagATune's annotations are and which audio folders (the first character of mp3_path, 0..f) form each
/// split of the published split of Lee et al. 2017.
/// </summary>
public sealed record MtatSettings(string AnnotationsFile, string TrainFolders, string ValidFolders, string TestFolders)
{

    public Split? SplitOfFolder(string folder) =>
        folder.Length != 1 ? null
        : TrainFolders.Contains(folder[0]) ? Split.Train
        : ValidFolders.Contains(folder[0]) ? Split.Valid
        : TestFolders.Contains(folder[0]) ? Split.Test
        : null;
}
