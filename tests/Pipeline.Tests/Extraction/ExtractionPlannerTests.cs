using System.Collections.Immutable;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Extraction;

namespace Pipeline.Tests.Extraction;

public sealed class ExtractionPlannerTests
{
    private static ClipMetadata Clip(string id, string folder, params string[] tags) =>
        new(id, $"{folder}/{id}.mp3", [.. tags], folder switch { "c" => Split.Valid, "d" or "e" or "f" => Split.Test, _ => Split.Train });

    private static DatasetMetadata Dataset(params ClipMetadata[] clips) =>
        new("mtat", "/audio", clips, clips.SelectMany(c => c.Tags).Distinct().Order().ToList());

    private static SelectionSettings Selection(int? topTags = 50, int limit = -1, SplitMode split = SplitMode.Published, int seed = 42) =>
        new(seed, limit, topTags, split, 0.25, 0.25);

    [Fact]
    public void Tags_are_ranked_by_frequency_with_ties_by_name_and_cut_to_the_top_n()
    {
        var dataset = Dataset(
            Clip("1", "0", "rock", "guitar", "drums"),
            Clip("2", "1", "rock", "guitar"),
            Clip("3", "2", "rock", "piano", "ambient"),
            Clip("4", "3", "piano", "ambient"),
            Clip("5", "4", "zither"));

        var plan = ExtractionPlanner.Plan(dataset, Selection(topTags: 4));

        // rock 3; ambient, guitar, piano 2 each (by name); drums and zither 1 each: cut.
        Assert.Equal(["rock", "ambient", "guitar", "piano"], plan.Tags);
        Assert.Equal(1, plan.DroppedWithoutTags);
        Assert.DoesNotContain(plan.Clips, c => c.Clip.Id == "5");
        Assert.Equal(["rock", "guitar"], plan.Clips.Single(c => c.Clip.Id == "1").Tags.ToArray());
    }

    [Fact]
    public void Without_a_top_n_every_tag_is_kept_in_frequency_order()
    {
        var dataset = Dataset(Clip("1", "0", "rock", "zither"), Clip("2", "1", "rock"), Clip("3", "2", "ambient"));

        var plan = ExtractionPlanner.Plan(dataset, Selection(topTags: null));

        Assert.Equal(["rock", "ambient", "zither"], plan.Tags);
        Assert.Equal(0, plan.DroppedWithoutTags);
    }

    [Fact]
    public void The_published_split_follows_the_folders()
    {
        var dataset = Dataset(Clip("1", "0", "a"), Clip("2", "b", "a"), Clip("3", "c", "a"), Clip("4", "d", "a"), Clip("5", "f", "a"));

        var plan = ExtractionPlanner.Plan(dataset, Selection());

        Assert.Equal(["1", "2"], plan.ClipsOf(Split.Train).Select(c => c.Clip.Id).Order());
        Assert.Equal(["3"], plan.ClipsOf(Split.Valid).Select(c => c.Clip.Id));
        Assert.Equal(["4", "5"], plan.ClipsOf(Split.Test).Select(c => c.Clip.Id).Order());
    }

    [Fact]
    public void The_limit_takes_clips_after_a_seeded_shuffle()
    {
        var dataset = Dataset(Enumerable.Range(0, 100).Select(i => Clip($"{i}", "0", "a")).ToArray());

        var first = ExtractionPlanner.Plan(dataset, Selection(limit: 10, seed: 1));
        var again = ExtractionPlanner.Plan(dataset, Selection(limit: 10, seed: 1));
        var other = ExtractionPlanner.Plan(dataset, Selection(limit: 10, seed: 2));

        Assert.Equal(10, first.Clips.Count);
        Assert.Equal(first.Clips.Select(c => c.Clip.Id), again.Clips.Select(c => c.Clip.Id));
        Assert.NotEqual(first.Clips.Select(c => c.Clip.Id).Order(), other.Clips.Select(c => c.Clip.Id).Order());
        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => $"{i}"), first.Clips.Select(c => c.Clip.Id));
    }

    [Fact]
    public void A_random_split_uses_the_fractions_and_the_seed()
    {
        var dataset = Dataset(Enumerable.Range(0, 100).Select(i => Clip($"{i}", "0", "a")).ToArray());

        var plan = ExtractionPlanner.Plan(dataset, Selection(split: SplitMode.Random));
        var again = ExtractionPlanner.Plan(dataset, Selection(split: SplitMode.Random));

        Assert.Equal(50, plan.SplitCounts[Split.Train]);
        Assert.Equal(25, plan.SplitCounts[Split.Valid]);
        Assert.Equal(25, plan.SplitCounts[Split.Test]);
        Assert.Equal(plan.ClipsOf(Split.Test).Select(c => c.Clip.Id), again.ClipsOf(Split.Test).Select(c => c.Clip.Id));
    }

    [Fact]
    public void A_clip_outside_the_published_split_is_an_error()
    {
        var dataset = Dataset(new ClipMetadata("1", "g/1.mp3", ["a"], null));

        var error = Assert.Throws<MetadataException>(() => ExtractionPlanner.Plan(dataset, Selection()));

        Assert.Contains("clip 1 (g/1.mp3) belongs to no published split", error.Message);
    }
}
