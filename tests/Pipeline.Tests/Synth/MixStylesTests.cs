using Pipeline.Synth;

namespace Pipeline.Tests.Synth;

/// <summary>Corpora of instrument mixes (synth --kind mixes): another kind of corpus than the demo's, to test recipes on.</summary>
public sealed class MixStylesTests
{
    private static readonly IReadOnlyList<Instrument> Set = MixStyles.Named(["piano", "trumpet", "sitar", "cello", "flute"]);

    [Fact]
    public void A_mix_clip_is_tagged_with_exactly_its_instruments_drums_tempo_and_loudness()
    {
        var plan = CorpusPlanner.Plan(200, seed: 4, MixStyles.For(Set, seed: 4));

        foreach (var clip in plan.Clips.Where(c => !c.Empty))
        {
            var recipe = clip.Recipe;
            var expected = recipe.Instruments.SelectMany(i => i.Tags)
                .Concat(recipe.DrumKit is null ? [] : ["drums"])
                .Concat(new[] { recipe.Tempo.Tag(), recipe.Level.Tag() }.OfType<string>());
            Assert.Equal(expected.Distinct().Order(), recipe.Tags.Order());
            Assert.InRange(recipe.Instruments.Length, 1, 3);
        }
    }

    [Fact]
    public void Every_instrument_of_the_set_is_about_equally_common_and_nothing_else_is_tagged()
    {
        var plan = CorpusPlanner.Plan(300, seed: 9, MixStyles.For(Set, seed: 9));

        var counts = plan.TagCounts.ToDictionary(t => t.Tag, t => t.Clips);
        Assert.Equal(["cello", "drums", "fast", "flute", "loud", "piano", "quiet", "sitar", "slow", "trumpet"], plan.Vocabulary.Order());
        var instruments = new[] { "piano", "trumpet", "sitar", "cello", "flute" }.Select(t => counts[t]).ToList();
        Assert.InRange(instruments.Min(), instruments.Max() / 2, instruments.Max());
    }

    [Fact]
    public void The_same_set_and_seed_give_the_same_plan_and_another_seed_another()
    {
        var annotations = AnnotationsWriter.Render(CorpusPlanner.Plan(50, 3, MixStyles.For(Set, 3)));

        Assert.Equal(annotations, AnnotationsWriter.Render(CorpusPlanner.Plan(50, 3, MixStyles.For(Set, 3))));
        Assert.NotEqual(annotations, AnnotationsWriter.Render(CorpusPlanner.Plan(50, 4, MixStyles.For(Set, 4))));
    }

    [Fact]
    public void An_unknown_instrument_is_refused_naming_the_ones_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => MixStyles.Named(["piano", "kazoo"]));

        Assert.Contains("kazoo", error.Message);
        Assert.Contains("trumpet", error.Message);
    }
}
