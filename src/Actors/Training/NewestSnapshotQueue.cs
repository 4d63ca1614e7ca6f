namespace Pipeline.Actors.Training;

/// <summary>
/// The evaluators' rule, in one place: one snapshot is evaluated at a time and only the newest waits; a snapshot that
/// arrives while another waits replaces it, and the replaced one is handed back to be dropped (and its sender told).
/// Pure bookkeeping over any item (a snapshot with whoever asked for it).
/// </summary>
public sealed class NewestSnapshotQueue<T> where T : class
{
    public T? Current { get; private set; }

    public T? Waiting { get; private set; }

    /// <summary>Takes <paramref name="item"/>: returns whether it starts now, and the waiting item it replaced, if any.</summary>
    public (bool StartsNow, T? Replaced) Offer(T item)
    {
        if (Current is null)
        {
            Current = item;
            return (true, null);
        }
        var replaced = Waiting;
        Waiting = item;
        return (false, replaced);
    }

    /// <summary>The current item is done: the waiting one, if any, becomes current and is returned to be started.</summary>
    public T? CompleteCurrent()
    {
        Current = Waiting;
        Waiting = null;
        return Current;
    }

    /// <summary>Everything held (to dispose on stop).</summary>
    public IEnumerable<T> All => new[] { Current, Waiting }.OfType<T>();
}
