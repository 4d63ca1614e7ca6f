using Pipeline.Actors.Cluster;

namespace Pipeline.Tests.Cluster;

/// <summary>How a distributed epoch's clips are shared among workers and what happens to the undelivered ones.</summary>
public sealed class PartitionRuleTests
{
    private static readonly int[] Clips = Enumerable.Range(0, 10).ToArray();

    [Fact]
    public void Clips_are_shared_in_order_in_contiguous_equal_parts_the_last_one_smaller()
    {
        var partitions = PartitionRule.Split(Clips, ["a", "b", "c"], failed: null);

        Assert.Equal(["a", "b", "c"], partitions.Select(p => p.Worker));
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]], partitions.Select(p => p.Clips.ToArray()));
    }

    [Fact]
    public void The_worker_that_just_failed_gets_nothing_while_another_is_up_and_everything_when_alone()
    {
        Assert.Equal(["b"], PartitionRule.Split(Clips, ["a", "b"], failed: "a").Select(p => p.Worker));
        Assert.Equal(["a"], PartitionRule.Split(Clips, ["a"], failed: "a").Select(p => p.Worker));
        Assert.Empty(PartitionRule.Split(Clips, Array.Empty<string>(), failed: null));
    }

    [Fact]
    public void Every_clip_goes_to_exactly_one_worker_whatever_the_counts()
    {
        foreach (var workers in Enumerable.Range(1, 12))
        {
            var partitions = PartitionRule.Split(Clips, Enumerable.Range(0, workers).Select(w => $"w{w}").ToList(), failed: null);
            Assert.Equal(Clips, partitions.SelectMany(p => p.Clips));
        }
    }

    [Fact]
    public void Undelivered_clips_are_those_neither_delivered_nor_on_their_way()
    {
        var undelivered = PartitionRule.Undelivered(Clips, c => c, new HashSet<int> { 0, 1, 2 }, new HashSet<int> { 3 });

        Assert.Equal([4, 5, 6, 7, 8, 9], undelivered);
    }

    [Fact]
    public void Only_partitions_that_fail_without_delivering_count_towards_giving_up()
    {
        Assert.Equal(2, PartitionRule.TriesAfter(2, failed: true, delivered: 0));
        Assert.Equal(0, PartitionRule.TriesAfter(2, failed: true, delivered: 5));
        Assert.Equal(0, PartitionRule.TriesAfter(2, failed: false, delivered: 0));
        Assert.False(PartitionRule.GiveUp(PartitionRule.MaxFruitlessTries - 1, failed: true, delivered: 0));
        Assert.True(PartitionRule.GiveUp(PartitionRule.MaxFruitlessTries, failed: true, delivered: 0));
        Assert.False(PartitionRule.GiveUp(PartitionRule.MaxFruitlessTries, failed: true, delivered: 1));
    }
}
