using System.Collections.Immutable;
using Pipeline.Streams.Datasets;

namespace Pipeline.Streams.Extraction;

/// <summary>A clip chosen for the archive: its split and its tags restricted to the kept ones, in kept-tag order.</summary>
public sealed record PlannedClip(ClipMetadata Clip, Split Split, ImmutableArray<string> Tags);

/// <summary>What an extraction will write: the kept tags (the label columns, in order) and the clips of every split.</summary>
public sealed record ExtractionPlan(
    DatasetMetadata Dataset,
    IReadOnlyList<string> Tags,
    IReadOnlyList<PlannedClip> Clips,
    int ClipsAfterLimit,
    int DroppedWithoutTags)
{
    public IReadOnlyList<PlannedClip> ClipsOf(Split split) => Clips.Where(c => c.Split == split).ToList();

    public IReadOnlyDictionary<Split, int> SplitCounts =>
        SplitNames.All.ToDictionary(s => s, s => Clips.Count(c => c.Split == s));
}
