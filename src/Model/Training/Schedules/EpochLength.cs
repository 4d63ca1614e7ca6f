using System.Collections;

namespace Pipeline.Model.Training.Schedules;

/// <summary>
/// The steps of a training epoch: counted once one has ended; before that, estimated from the share of the training
/// clips the batches so far drew from. With every window of every clip an epoch can be a large part of a run, and
/// taking the steps so far for the epoch's length would hold a schedule that spans the run at one point of it for
/// the whole first epoch. The shuffle spreads a clip's windows, so the estimate runs a little short early on.
/// </summary>
public sealed class EpochLength(int trainClips)
{
    private readonly BitArray _clipsSeen = new(Math.Max(1, trainClips));
    private int _clipsSeenCount;
    private long _stepsSeen;
    private long _counted;

    public long Steps => _counted > 0
        ? _counted
        : Math.Max(_stepsSeen, (long)Math.Ceiling(_stepsSeen * (double)_clipsSeen.Length / Math.Max(1, _clipsSeenCount)));

    /// <summary>One step over a batch cut from these clips (indices into the training split).</summary>
    public void Stepped(IEnumerable<int> clips)
    {
        _stepsSeen++;
        foreach (var clip in clips)
        {
            if ((uint)clip < (uint)_clipsSeen.Length && !_clipsSeen[clip])
            {
                _clipsSeen[clip] = true;
                _clipsSeenCount++;
            }
        }
    }

    public void EpochEnded(long steps)
    {
        _counted = Math.Max(_counted, steps);
        _clipsSeen.SetAll(false);
        _clipsSeenCount = 0;
        _stepsSeen = 0;
    }
}
