using Pipeline.Shared.Random;

namespace Pipeline.Tests.Shared;

/// <summary>
/// The one home of randomness: the streams that predate the names derive their seeds exactly as they did (so a seed
/// still gives the same extraction, demo corpus and mixup), and the named streams never coincide.
/// </summary>
public sealed class SeedsTests
{
    /// <summary>
    /// Values of the derivations before they moved here (commit c40f324: Streams' Seeds.Derive, Synth's
    /// SeededRandom.Derive, Mixup's own seed), recomputed outside .NET from their formulas.
    /// </summary>
    [Theory]
    [InlineData(SeedStream.RandomSplit, 42, new long[0], 1_660_322_383)]
    [InlineData(SeedStream.DatasetOrder, 42, new long[0], 42)]
    [InlineData(SeedStream.CorpusPlan, 7, new long[0], 1_984_042_102)]
    [InlineData(SeedStream.CorpusStyles, 11, new long[0], 1_600_372_512)]
    [InlineData(SeedStream.ClipMusic, 7, new long[] { 5 }, 1_164_421_634)]
    [InlineData(SeedStream.ClipPart, 123_456, new long[] { 2 }, 1_688_179_791)]
    [InlineData(SeedStream.Mixup, 5, new long[] { 1_000 }, 4_999_335)]
    [InlineData(SeedStream.Mixup, -3, new long[] { (1L << 33) + 17 }, -3_013_384)]
    public void Streams_that_predate_the_names_give_the_seeds_they_always_gave(SeedStream stream, int seed, long[] parts, int expected)
    {
        Assert.Equal(expected, Seeds.For(stream, seed, parts));
    }

    [Fact]
    public void The_named_streams_of_a_run_never_coincide_for_the_same_seed_and_parts()
    {
        var named = new[] { SeedStream.ClipOrder, SeedStream.WindowOffset, SeedStream.Shuffle, SeedStream.Augment, SeedStream.WindowOrder };
        foreach (var seed in new[] { 0, 1, 42, -7 })
        {
            foreach (var parts in new[] { new long[] { 0 }, [0, 0], [3, 17] })
                Assert.Equal(named.Length, named.Select(stream => Seeds.For(stream, seed, parts)).Distinct().Count());
        }
    }

    [Fact]
    public void A_seeded_shuffle_is_a_permutation_that_the_seed_repeats()
    {
        var items = Enumerable.Range(0, 100).ToList();

        var shuffled = Seeds.Shuffled(items, 9);

        Assert.Equal(items, shuffled.Order());
        Assert.Equal(shuffled, Seeds.Shuffled(items, 9));
        Assert.NotEqual(shuffled, Seeds.Shuffled(items, 10));
        Assert.NotEqual(items, shuffled);
    }
}
