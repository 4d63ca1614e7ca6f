using Pipeline.Streams.Datasets;

namespace Pipeline.Streams.Extraction;

/// <summary>The file names of an extracted dataset folder (documented in the README).</summary>
public static class ArchiveFiles
{
    public const string Tags = "tags.txt";
    public const string Dataset = "dataset.json";
    public const string Failed = "failed.tsv";
    public const string Summary = "summary.json";
    public const string AudioFolder = "audio";

    public static string ClipList(Split split) => $"{SplitNames.Of(split)}.tsv";

    public static string Labels(Split split) => $"{SplitNames.Of(split)}_labels.npy";
}
