using Pipeline.Actors.Training;

namespace Pipeline.Tests.Training;

/// <summary>The evaluators' rule: one at a time, only the newest waits, the one it replaces is handed back.</summary>
public sealed class NewestSnapshotQueueTests
{
    [Fact]
    public void The_first_starts_at_once_and_a_newer_one_replaces_the_one_waiting()
    {
        var queue = new NewestSnapshotQueue<string>();

        Assert.Equal((true, null), queue.Offer("v1"));
        Assert.Equal((false, null), queue.Offer("v2"));
        Assert.Equal((false, "v2"), queue.Offer("v3"));

        Assert.Equal("v1", queue.Current);
        Assert.Equal("v3", queue.Waiting);
        Assert.Equal(["v1", "v3"], queue.All);
    }

    [Fact]
    public void Completing_starts_the_waiting_one_and_then_nothing()
    {
        var queue = new NewestSnapshotQueue<string>();
        queue.Offer("v1");
        queue.Offer("v2");

        Assert.Equal("v2", queue.CompleteCurrent());
        Assert.Null(queue.CompleteCurrent());
        Assert.Equal((true, null), queue.Offer("v3"));
    }
}
