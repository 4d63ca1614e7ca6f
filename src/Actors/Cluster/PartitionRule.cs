namespace Pipeline.Actors.Cluster;

/// <summary>
/// How a distributed epoch's clips are shared among the workers, and what happens to the clips of a partition whose
/// stream ended: pure rules, separate from the coordinator's messaging.
/// </summary>
public static class PartitionRule
{
    /// <summary>Clips that several partitions in a row failed to deliver point at a problem no reassignment will fix.</summary>
    public const int MaxFruitlessTries = 3;

    /// <summary>
    /// The clips, in order, in contiguous shares of equal size (the last one smaller), one per worker up. A worker
    /// whose stream just failed gets none while another is up; alone, it gets them all.
    /// </summary>
    public static IReadOnlyList<(TWorker Worker, IReadOnlyList<TClip> Clips)> Split<TWorker, TClip>(
        IReadOnlyList<TClip> clips, IReadOnlyList<TWorker> up, TWorker? failed)
    {
        var others = up.Where(w => !Equals(w, failed)).ToList();
        var workers = others.Count > 0 ? others : up.ToList();
        if (workers.Count == 0 || clips.Count == 0)
            return [];
        var share = (clips.Count + workers.Count - 1) / workers.Count;
        return workers.Select((worker, i) => (worker, (IReadOnlyList<TClip>)clips.Skip(i * share).Take(share).ToList()))
            .Where(p => p.Item2.Count > 0)
            .ToList();
    }

    /// <summary>A partition's clips its stream did not deliver: neither accepted by the trainer nor on their way to it.</summary>
    public static IReadOnlyList<TClip> Undelivered<TClip>(IReadOnlyList<TClip> clips, Func<TClip, int> index, IReadOnlySet<int> delivered,
        IReadOnlySet<int> underway) =>
        clips.Where(c => !delivered.Contains(index(c)) && !underway.Contains(index(c))).ToList();

    /// <summary>
    /// How many fruitless tries the undelivered clips of a partition carry on: one more when its stream failed before
    /// delivering anything, none when it delivered some (the next partition starts afresh).
    /// </summary>
    public static int TriesAfter(int tries, bool failed, int delivered) => failed && delivered == 0 ? tries : 0;

    /// <summary>Whether to fail the epoch instead of reassigning: the clips have had their fruitless tries.</summary>
    public static bool GiveUp(int tries, bool failed, int delivered) => failed && delivered == 0 && tries >= MaxFruitlessTries;
}
