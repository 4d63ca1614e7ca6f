namespace Pipeline.Streams.Datasets;

/// <summary>
/// Everything a dataset reader found: the clips in the metadata's own order, the folder their audio paths are
/// relative to, and the full tag vocabulary (every tag the metadata knows, used or not).
/// </summary>
public sealed record DatasetMetadata(string Name, string AudioRoot, IReadOnlyList<ClipMetadata> Clips, IReadOnlyList<string> Vocabulary);
