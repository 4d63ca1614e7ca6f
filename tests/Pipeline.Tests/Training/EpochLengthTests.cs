using Pipeline.Model.Training.Schedules;
using Xunit;

namespace Pipeline.Tests.Training;

public class EpochLengthTests
{
    // 200 clips of 20 windows each, shuffled through a 512-window buffer into batches of 23, as the provider does.
    private static List<int[]> ShuffledEpoch(int clips, int windowsPerClip, int buffer, int batchSize, int seed)
    {
        var random = new Random(seed);
        var pending = new List<int>();
        var order = new List<int>();
        foreach (var window in Enumerable.Range(0, clips).SelectMany(clip => Enumerable.Repeat(clip, windowsPerClip)))
        {
            pending.Add(window);
            if (pending.Count < buffer)
                continue;
            var pick = random.Next(pending.Count);
            order.Add(pending[pick]);
            pending.RemoveAt(pick);
        }
        order.AddRange(pending.OrderBy(_ => random.Next()));
        return order.Chunk(batchSize).ToList();
    }

    [Fact]
    public void Before_an_epoch_ends_its_length_is_estimated_from_the_share_of_clips_drawn_from_not_the_steps_so_far()
    {
        var batches = ShuffledEpoch(clips: 200, windowsPerClip: 20, buffer: 512, batchSize: 23, seed: 3);
        var length = new EpochLength(200);
        var truth = batches.Count;
        for (var step = 0; step < truth; step++)
        {
            length.Stepped(batches[step]);
            // Short by about the clips waiting in the shuffle buffer (25 here): within 40% from a quarter of the way,
            // 20% from halfway; never more than the truth plus rounding, and far more than the steps so far.
            Assert.InRange(length.Steps, step + 1, truth + 1);
            if (step + 1 >= truth / 4)
                Assert.InRange(length.Steps, 0.6 * truth, truth + 1);
            if (step + 1 >= truth / 2)
                Assert.InRange(length.Steps, 0.8 * truth, truth + 1);
            if (step + 1 == truth / 10)
                Assert.True(length.Steps > 3 * (step + 1), $"a tenth of the way the estimate {length.Steps} of {truth}");
        }
        Assert.True(length.Steps >= truth - 1, $"at the end of the epoch the estimate {length.Steps} of {truth}");
    }

    [Fact]
    public void With_one_window_per_clip_the_estimate_is_exact_from_the_first_step()
    {
        var batches = ShuffledEpoch(clips: 230, windowsPerClip: 1, buffer: 64, batchSize: 23, seed: 5);
        var length = new EpochLength(230);
        length.Stepped(batches[0]);
        Assert.Equal(10, length.Steps);
    }

    [Fact]
    public void Once_an_epoch_ended_its_counted_length_is_used_whatever_the_next_epoch_has_drawn()
    {
        var length = new EpochLength(100);
        length.Stepped([0, 1]);
        length.EpochEnded(437);
        Assert.Equal(437, length.Steps);
        length.Stepped([5]);
        Assert.Equal(437, length.Steps);
    }
}
