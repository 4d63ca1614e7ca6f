namespace Pipeline.Streams.Datasets;

/// <summary>
/// Everything a dataset reader found: the clips in the metadata's own order, the folder their audio paths are
/// relative to, the full tag vocabulary (every tag the metadata knows, used or not), where the clips' stated
/// lengths come from (null when the metadata states none), which decoding holds each file to, and the reports the
/// reader wrote about what it did (written beside the archive).
/// </summary>
public sealed record DatasetMetadata(string Name, string AudioRoot, IReadOnlyList<ClipMetadata> Clips, IReadOnlyList<string> Vocabulary,
    string? StatedLengthSource = null, IReadOnlyList<MetadataReport>? Reports = null);
