using Pipeline.Tests.Support;
using Pipeline.Synth;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Mtat;

namespace Pipeline.Tests.Synth;

public sealed class CorpusPlanTests
{
    private static readonly CorpusPlan DemoSized = CorpusPlanner.Plan(900, 1);

    [Fact]
    public void Every_tag_is_an_mtat_tag_on_at_least_five_percent_of_the_clips()
    {
        var counts = DemoSized.TagCounts;

        Assert.InRange(counts.Length, 20, 30);
        Assert.All(counts, t => Assert.Contains(t.Tag, MtatVocabulary.Tags));
        Assert.All(counts, t => Assert.True(t.Clips >= 0.05 * DemoSized.Clips.Length, $"{t.Tag} is on {t.Clips} clips"));
        Assert.All(DemoSized.Clips, c => Assert.InRange(c.Recipe.Tags.Length, 2, 6));
    }

    [Fact]
    public void Clips_have_increasing_ids_unique_mtat_style_paths_and_three_are_empty()
    {
        var clips = DemoSized.Clips;

        Assert.Equal(903, clips.Length);
        Assert.Equal(3, clips.Count(c => c.Empty));
        Assert.All(clips.Zip(clips.Skip(1)), pair => Assert.True(pair.First.ClipId < pair.Second.ClipId));
        Assert.Equal(clips.Length, clips.Select(c => c.RelativePath).Distinct().Count());
        Assert.All(clips, c => Assert.Matches(@"^[0-9a-f]/[^/\-A-Z ]+-[^/\-A-Z ]+-\d\d-[^/\-A-Z ]+-\d+-\d+\.mp3$", c.RelativePath));
        Assert.Contains(clips, c => c.RelativePath.Any(ch => ch > 127));
        Assert.Contains(clips, c => c.RelativePath.Contains('\''));
    }

    [Fact]
    public void All_sixteen_folders_fill_evenly_and_every_split_hears_every_style()
    {
        var folders = DemoSized.Clips.GroupBy(c => c.Folder).ToDictionary(g => g.Key, g => g.Count());
        var mean = DemoSized.Clips.Length / 16.0;

        Assert.Equal(CorpusPlan.Folders.Order(), folders.Keys.Order());
        Assert.All(folders.Values, count => Assert.InRange(count, 0.75 * mean, 1.35 * mean));
        foreach (var split in new[] { TestSettings.Defaults.Dataset.Mtat.TrainFolders, TestSettings.Defaults.Dataset.Mtat.ValidFolders, TestSettings.Defaults.Dataset.Mtat.TestFolders })
        {
            var styles = DemoSized.Clips.Where(c => split.Contains(c.Folder[0])).Select(c => c.Recipe.Style.Name).ToHashSet();
            Assert.Equal(Styles.All.Select(s => s.Name).Order(), styles.Order());
        }
    }

    [Theory]
    [InlineData(48)]
    [InlineData(120)]
    public void Small_corpora_still_give_the_valid_and_test_folders_clips(int clips)
    {
        var plan = CorpusPlanner.Plan(clips, seed: 3);

        var bySplit = plan.Clips.Where(c => !c.Empty).GroupBy(c => TestSettings.Defaults.Dataset.Mtat.SplitOfFolder(c.Folder)).ToDictionary(g => g.Key!.Value, g => g.Count());
        Assert.True(bySplit.GetValueOrDefault(Split.Valid) > 0, $"no valid clips in {clips}");
        Assert.True(bySplit.GetValueOrDefault(Split.Test) > 0, $"no test clips in {clips}");
        Assert.True(bySplit[Split.Train] > bySplit[Split.Test] && bySplit[Split.Test] >= bySplit[Split.Valid]);
    }

    [Fact]
    public void The_clips_of_a_track_stay_in_one_folder_with_one_recipe()
    {
        var tracks = DemoSized.Clips.GroupBy(c => c.RelativePath[2..c.RelativePath.LastIndexOf('-', c.RelativePath.LastIndexOf('-') - 1)]);

        Assert.All(tracks, track =>
        {
            Assert.Single(track.Select(c => c.Folder).Distinct());
            Assert.Single(track.Select(c => c.Recipe).Distinct());
        });
    }

    [Fact]
    public void The_same_seed_plans_the_same_corpus()
    {
        Assert.Equal(AnnotationsWriter.Render(CorpusPlanner.Plan(300, 9)), AnnotationsWriter.Render(CorpusPlanner.Plan(300, 9)));
        Assert.NotEqual(AnnotationsWriter.Render(CorpusPlanner.Plan(300, 9)), AnnotationsWriter.Render(CorpusPlanner.Plan(300, 10)));
    }

    [Theory]
    [InlineData(0, "0-29")]
    [InlineData(1, "30-59")]
    [InlineData(2, "59-88")]
    [InlineData(3, "88-117")]
    [InlineData(4, "117-146")]
    public void Clip_names_end_in_mtat_segment_seconds(int index, string expected)
    {
        Assert.Equal(expected, MtatClipFormat.SegmentName(index));
    }

    [Theory]
    [InlineData("J.S. Bach", "j_s__bach")]
    [InlineData("Sinéad O'Connor", "sinéad_o'connor")]
    [InlineData("AC-DC & Friends", "ac_dc___friends")]
    public void Names_are_spelled_as_in_mtat_file_names(string name, string spelled)
    {
        Assert.Equal(spelled, NameMaker.Spell(name));
    }
}
