namespace Pipeline.Actors.Cluster.Work;

/// <summary>
/// The coordinator's account of one job's items, the rule that makes work pulling exactly once: an item waits, is
/// held by one worker, or is done; only its first result counts. A worker's request says which items it still holds,
/// so an item whose grant or result was lost on the way (a connection cut) goes back to the queue; a worker that dies,
/// leaves or is cut off gives all its items back. Items given back go to the front, so no item waits behind the rest
/// of the job. Pure bookkeeping: the actor around it does the messaging.
/// </summary>
public sealed class WorkLedger<TItem>
{
    private readonly Dictionary<long, TItem> _items = [];
    private readonly LinkedList<long> _waiting = new();
    private readonly Dictionary<string, HashSet<long>> _held = [];
    private readonly HashSet<long> _done = [];

    public WorkLedger(IEnumerable<TItem> items, Func<TItem, long> id)
    {
        foreach (var item in items)
        {
            var key = id(item);
            if (!_items.TryAdd(key, item))
                throw new ArgumentException($"item {key} is in the job twice", nameof(items));
            _waiting.AddLast(key);
        }
    }

    public int Total => _items.Count;
    public int Done => _done.Count;
    public int Waiting => _waiting.Count;
    public int Held => _held.Values.Sum(items => items.Count);
    public bool Finished => _done.Count == _items.Count;

    /// <summary>Items <paramref name="worker"/> holds now, as the ledger sees it.</summary>
    public IReadOnlyCollection<long> HeldBy(string worker) => _held.TryGetValue(worker, out var held) ? held : [];

    /// <summary>
    /// A worker's request: items it held but no longer reports (their grant or their result was lost) go back first;
    /// then it gets up to <paramref name="capacity"/> waiting items, and no more than <paramref name="limit"/> (what the
    /// coordinator's consumer can take now).
    /// </summary>
    public IReadOnlyList<TItem> Grant(string worker, IReadOnlyCollection<long> stillHeld, int capacity, int limit)
    {
        var held = _held.TryGetValue(worker, out var existing) ? existing : _held[worker] = [];
        foreach (var lost in held.Where(item => !stillHeld.Contains(item)).ToList())
        {
            held.Remove(lost);
            if (!_done.Contains(lost))
                _waiting.AddFirst(lost);
        }
        var granted = new List<TItem>();
        while (granted.Count < Math.Min(capacity, limit) && _waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            held.Add(next.Value);
            granted.Add(_items[next.Value]);
        }
        return granted;
    }

    /// <summary>A result for <paramref name="item"/> from <paramref name="worker"/>: true when it is the first (to be used), false for a duplicate.</summary>
    public bool Complete(string worker, long item)
    {
        if (!_items.ContainsKey(item))
            throw new ArgumentException($"item {item} is not in this job", nameof(item));
        if (_held.TryGetValue(worker, out var held))
            held.Remove(item);
        if (!_done.Add(item))
            return false;
        _waiting.Remove(item);
        return true;
    }

    /// <summary>The worker is gone (dead, left, cut off): the items it held wait again. Returns how many.</summary>
    public int Release(string worker)
    {
        if (!_held.Remove(worker, out var held))
            return 0;
        var back = held.Where(item => !_done.Contains(item)).ToList();
        foreach (var item in back.AsEnumerable().Reverse())
            _waiting.AddFirst(item);
        return back.Count;
    }
}
