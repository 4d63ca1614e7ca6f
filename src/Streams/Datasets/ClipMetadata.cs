using System.Collections.Immutable;

namespace Pipeline.Streams.Datasets;

/// <summary>
/// One clip as its dataset's metadata describes it: an id, the audio file relative to the dataset's audio root,
/// its tags, the split the dataset itself assigns (null when the dataset publishes none), and the clip's length in
/// seconds when the metadata states it (see <see cref="DatasetMetadata.StatedLengthSource"/>).
/// </summary>
public sealed record ClipMetadata(string Id, string AudioPath, ImmutableArray<string> Tags, Split? PublishedSplit, double? StatedSeconds = null);
