using Pipeline.Actors.Cluster.Work;

namespace Pipeline.Tests.Cluster.Work;

/// <summary>The coordinator's ledger: every item is done exactly once, whatever the workers do or lose on the way.</summary>
public sealed class WorkLedgerTests
{
    private static WorkLedger<int> Ledger(int items) => new(Enumerable.Range(0, items), item => item);

    [Fact]
    public void Workers_get_what_they_have_room_for_in_order_and_no_more_than_the_consumer_takes()
    {
        var ledger = Ledger(10);

        Assert.Equal([0, 1, 2], ledger.Grant("a", [], capacity: 3, limit: 100));
        Assert.Equal([3], ledger.Grant("b", [], capacity: 3, limit: 1));
        Assert.Empty(ledger.Grant("b", [3], capacity: 2, limit: 0));
        Assert.Equal((6, 4), (ledger.Waiting, ledger.Held));
    }

    [Fact]
    public void Only_the_first_result_of_an_item_counts()
    {
        var ledger = Ledger(2);
        ledger.Grant("a", [], 2, 2);

        Assert.True(ledger.Complete("a", 0));
        Assert.False(ledger.Complete("a", 0));
        Assert.False(ledger.Complete("b", 0));
        Assert.True(ledger.Complete("a", 1));
        Assert.True(ledger.Finished);
    }

    [Fact]
    public void A_worker_that_is_gone_gives_its_unfinished_items_back_to_the_front_of_the_queue()
    {
        var ledger = Ledger(6);
        ledger.Grant("a", [], 3, 10);
        ledger.Complete("a", 1);

        Assert.Equal(2, ledger.Release("a"));

        Assert.Equal([0, 2, 3], ledger.Grant("b", [], 3, 10));
        Assert.True(ledger.Complete("a", 0)); // the gone worker's late result still counts, once
        Assert.False(ledger.Complete("b", 0));
    }

    [Fact]
    public void An_item_a_worker_no_longer_reports_was_lost_on_the_way_and_is_granted_again()
    {
        var ledger = Ledger(4);
        ledger.Grant("a", [], 2, 10); // 0 and 1; the grant of 1 is lost: the worker only knows 0

        var next = ledger.Grant("a", stillHeld: [0], capacity: 1, limit: 10);

        Assert.Equal([1], next);
        Assert.Equal([0, 1], ledger.HeldBy("a").Order());
    }

    [Fact]
    public void A_result_lost_after_the_worker_let_its_item_go_is_asked_for_again_but_a_done_one_is_not()
    {
        var ledger = Ledger(3);
        ledger.Grant("a", [], 3, 10);
        ledger.Complete("a", 0); // 0's result arrived; 1's result was lost; 2 is still being worked on

        var next = ledger.Grant("b", [], 3, 10);
        var again = ledger.Grant("a", stillHeld: [2], capacity: 2, limit: 10);

        Assert.Empty(next);
        Assert.Equal([1], again);
        Assert.False(ledger.Finished);
    }

    [Fact]
    public void An_item_twice_in_a_job_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WorkLedger<int>([1, 2, 1], item => item));
    }
}
