using System.Collections.Immutable;
using Pipeline.Streams.Datasets;
using Pipeline.Shared.Random;

namespace Pipeline.Streams.Extraction;

/// <summary>
/// The metadata steps of extraction, in order: shuffle with the seed, keep the first K clips, rank the tags by
/// frequency and keep the top N (or all), drop clips left without a kept tag, split into train/valid/test.
/// </summary>
public static class ExtractionPlanner
{
    public static ExtractionPlan Plan(DatasetMetadata dataset, SelectionSettings settings)
    {
        var shuffled = Seeds.Shuffled(dataset.Clips, Seeds.For(SeedStream.DatasetOrder, settings.Seed));
        var limited = settings.Limit < 0 ? shuffled : shuffled.Take(settings.Limit).ToList();
        var tags = TagRanking.TopTags(limited, settings.TopTags ?? int.MaxValue);
        var rank = tags.Select((tag, i) => (tag, i)).ToDictionary(t => t.tag, t => t.i, StringComparer.Ordinal);

        var tagged = limited
            .Select(clip => (Clip: clip, Tags: clip.Tags.Where(rank.ContainsKey).Distinct().OrderBy(t => rank[t]).ToImmutableArray()))
            .Where(c => c.Tags.Length > 0)
            .ToList();
        var splits = settings.Split == SplitMode.Published
            ? PublishedSplits(dataset, tagged.Select(c => c.Clip))
            : RandomSplits(tagged.Select(c => c.Clip).ToList(), settings);

        var planned = tagged.Select(c => new PlannedClip(c.Clip, splits[c.Clip.Id], c.Tags)).ToList();
        return new ExtractionPlan(dataset, tags, planned, limited.Count, limited.Count - tagged.Count);
    }

    private static Dictionary<string, Split> PublishedSplits(DatasetMetadata dataset, IEnumerable<ClipMetadata> clips)
    {
        var splits = new Dictionary<string, Split>(StringComparer.Ordinal);
        foreach (var clip in clips)
        {
            splits[clip.Id] = clip.PublishedSplit ?? throw new MetadataException(dataset.Name, null,
                $"clip {clip.Id} ({clip.AudioPath}) belongs to no published split; use a random split or fix the split settings");
        }
        return splits;
    }

    /// <summary>Test and validation clips are drawn first (rounded), so small datasets still get both when possible.</summary>
    private static Dictionary<string, Split> RandomSplits(IReadOnlyList<ClipMetadata> clips, SelectionSettings settings)
    {
        var order = Seeds.Shuffled(clips, Seeds.For(SeedStream.RandomSplit, settings.Seed));
        var test = (int)Math.Round(order.Count * settings.TestFraction);
        var valid = (int)Math.Round(order.Count * settings.ValidFraction);
        var splits = new Dictionary<string, Split>(StringComparer.Ordinal);
        for (var i = 0; i < order.Count; i++)
            splits[order[i].Id] = i < test ? Split.Test : i < test + valid ? Split.Valid : Split.Train;
        return splits;
    }
}
