using Pipeline.Streams.Datasets;

namespace Pipeline.Streams.Extraction;

/// <summary>The kept tag vocabulary: tags sorted by how many clips carry them (descending, ties by name), top N.</summary>
public static class TagRanking
{
    public static IReadOnlyList<string> TopTags(IEnumerable<ClipMetadata> clips, int count) =>
        clips.SelectMany(c => c.Tags.Distinct())
            .GroupBy(tag => tag, StringComparer.Ordinal)
            .Select(g => (Tag: g.Key, Clips: g.Count()))
            .OrderByDescending(t => t.Clips)
            .ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(count)
            .Select(t => t.Tag)
            .ToList();
}
