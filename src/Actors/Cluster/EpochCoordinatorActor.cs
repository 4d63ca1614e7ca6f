using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Cluster;

/// <summary>Run one epoch: partition <see cref="Clips"/> among the workers and feed their windows into <see cref="Queue"/>.</summary>
public sealed record StartEpoch(int Epoch, int Seed, int SampleRate, int SegmentSamples, TrainingWindows Windows, IReadOnlyList<ClipRef> Clips,
    ISourceQueueWithComplete<ClipWindows> Queue, Task QueueDone);

/// <summary>
/// The trainer node's side of a distributed epoch. The epoch's clips (in the seeded order) are split among the
/// workers that are up; each worker streams its partition back through a stream reference, pulled with
/// backpressure into the trainer's bounded queue one element at a time. A clip (known by its index in the epoch)
/// counts as delivered once the queue
/// accepted it. When a worker leaves or dies, its partition's stream fails and the clips it has not delivered go to
/// another worker: each clip reaches the trainer exactly once per epoch.
/// </summary>
public sealed class EpochCoordinatorActor : ReceiveActor, IWithTimers
{
    private sealed class Partition(long id, IActorRef worker, IReadOnlyList<ClipRef> clips, int tries)
    {
        /// <summary>How many partitions in a row have tried to deliver these clips without delivering any.</summary>
        public int Tries { get; } = tries;
        public long Id { get; } = id;
        public IActorRef Worker { get; } = worker;
        public IReadOnlyList<ClipRef> Clips { get; } = clips;
        public HashSet<int> Delivered { get; } = [];
        public IActorRef? Stream { get; set; }
        public UniqueKillSwitch? Switch { get; set; }
        public bool Done { get; set; }
    }

    private sealed record Workers(long Run, IReadOnlyList<IActorRef> Available, IReadOnlyList<ClipRef> Clips, IActorRef? Failed, int Attempt, int Tries);
    private sealed record RetryAssignment(long Run, IReadOnlyList<ClipRef> Clips, IActorRef? Failed, int Attempt, int Tries);

    /// <summary>Clips that several partitions in a row failed to deliver point at a problem no reassignment will fix.</summary>
    private const int MaxTries = 3;
    private sealed record PartitionOpened(long Id, ISourceRef<ClipWindows> Source);
    private sealed record PartitionStarted(long Id);
    private sealed record PartitionCompleted(long Id);
    private sealed record PartitionFailed(long Id, Exception Cause);
    private sealed record Offered(long Run, long Partition, int Clip, IQueueOfferResult Result);
    private sealed record OfferFailed(long Run, Exception Cause);
    private sealed record ConsumerDone(long Run);
    private sealed record Ack
    {
        public static Ack Instance { get; } = new();
    }

    private readonly IActorRef _registry;
    private readonly TimeSpan _workerWait;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IMaterializer _materializer;
    private readonly Dictionary<long, Partition> _partitions = [];
    private readonly Queue<(long Partition, ClipWindows Element)> _pending = new();
    private StartEpoch? _epoch;
    // Which epoch run the messages that come back from asks, timers and queue offers belong to: one from an earlier
    // run (e.g. the previous epoch's consumer finishing after this epoch started) must not touch this one.
    private long _run;
    private long _nextPartition;
    private int _assigning;
    private bool _offering;
    private (long Partition, int Clip)? _offered;

    public ITimerScheduler Timers { get; set; } = null!;

    public EpochCoordinatorActor(IActorRef registry, TimeSpan workerWait, int streamBuffer)
    {
        _registry = registry;
        _workerWait = workerWait;
        _materializer = Context.System.Materializer(ActorMaterializerSettings.Create(Context.System).WithInputBuffer(streamBuffer, streamBuffer));

        Receive<StartEpoch>(start =>
        {
            _epoch = start;
            var run = ++_run;
            _partitions.Clear();
            _pending.Clear();
            _assigning = 0;
            _offering = false;
            _offered = null;
            start.QueueDone.ContinueWith(_ => new ConsumerDone(run)).PipeTo(Self);
            RequestWorkers(Seeds.Shuffled(start.Clips, Seeds.Derive(start.Seed, start.Epoch, 0)), failed: null, attempt: 1, tries: 0);
        });
        Receive<Workers>(workers => workers.Run == _run, OnWorkers);
        Receive<RetryAssignment>(retry => retry.Run == _run, retry =>
        {
            _assigning--;
            RequestWorkers(retry.Clips, retry.Failed, retry.Attempt, retry.Tries);
        });
        Receive<PartitionOpened>(opened =>
        {
            if (!_partitions.TryGetValue(opened.Id, out var partition) || partition.Done)
                return;
            partition.Switch = opened.Source.Source
                .ViaMaterialized(KillSwitches.Single<ClipWindows>(), Keep.Right)
                .To(Sink.ActorRefWithAck<ClipWindows>(Self, new PartitionStarted(opened.Id), Ack.Instance, new PartitionCompleted(opened.Id),
                    e => new PartitionFailed(opened.Id, e)).WithAttributes(Attributes.CreateInputBuffer(1, 1)))
                .Run(_materializer);
        });
        Receive<PartitionStarted>(started =>
        {
            if (_partitions.TryGetValue(started.Id, out var partition))
            {
                partition.Stream = Sender;
                Sender.Tell(Ack.Instance);
            }
        });
        Receive<ClipWindows>(element =>
        {
            var partition = _partitions.Values.FirstOrDefault(p => Equals(p.Stream, Sender));
            if (partition is null)
                return;
            _pending.Enqueue((partition.Id, element));
            OfferNext();
        });
        Receive<Offered>(offered => offered.Run == _run, offered =>
        {
            _offering = false;
            _offered = null;
            if (offered.Result is not QueueOfferResult.Enqueued)
            {
                StopPartitions(); // the consumer is gone: the epoch was cut short
                return;
            }
            if (_partitions.TryGetValue(offered.Partition, out var partition))
            {
                partition.Delivered.Add(offered.Clip);
                if (!partition.Done)
                    partition.Stream?.Tell(Ack.Instance);
            }
            OfferNext();
            CompleteIfDone();
        });
        Receive<OfferFailed>(failed => failed.Run == _run, failed =>
        {
            _offering = false;
            _offered = null;
            _log.Warning("the epoch's consumer failed: {0}", failed.Cause.Message);
            StopPartitions();
        });
        Receive<PartitionCompleted>(completed => Finish(completed.Id, null));
        Receive<PartitionFailed>(failed => Finish(failed.Id, failed.Cause));
        Receive<ConsumerDone>(done => done.Run == _run, _ => StopPartitions());
        // What an earlier run left on its way has nothing left to act on.
        Receive<Workers>(_ => { });
        Receive<RetryAssignment>(_ => { });
        Receive<Offered>(_ => { });
        Receive<OfferFailed>(_ => { });
        Receive<ConsumerDone>(_ => { });
    }

    public static Props Props(IActorRef registry, TimeSpan workerWait, int streamBuffer) =>
        Akka.Actor.Props.Create(() => new EpochCoordinatorActor(registry, workerWait, streamBuffer));

    private void RequestWorkers(IReadOnlyList<ClipRef> clips, IActorRef? failed, int attempt, int tries)
    {
        _assigning++;
        var run = _run;
        _registry.Ask<CurrentWorkers>(GetWorkers.Instance, TimeSpan.FromSeconds(10))
            .ContinueWith(task => new Workers(run, task.IsCompletedSuccessfully ? task.Result.Workers : [], clips, failed, attempt, tries))
            .PipeTo(Self);
    }

    private void OnWorkers(Workers workers)
    {
        _assigning--;
        var epoch = _epoch!;
        // Another worker than the one whose stream failed, if there is one; the same one if it is still up and alone.
        var others = workers.Available.Where(w => !Equals(w, workers.Failed)).ToList();
        var available = others.Count > 0 ? others : workers.Available.ToList();
        if (available.Count == 0)
        {
            if (TimeSpan.FromSeconds(workers.Attempt) > _workerWait)
            {
                epoch.Queue.Fail(new InvalidOperationException(
                    $"no worker left to decode {workers.Clips.Count} clips of epoch {epoch.Epoch + 1} (waited {_workerWait})"));
                return;
            }
            // Counted as an assignment in progress, so the epoch cannot complete while these clips wait for a worker.
            _assigning++;
            Timers.StartSingleTimer($"retry-{workers.Attempt}-{workers.Clips[0].Id}", new RetryAssignment(_run, workers.Clips, workers.Failed, workers.Attempt + 1, workers.Tries), TimeSpan.FromSeconds(1));
            return;
        }

        var share = (workers.Clips.Count + available.Count - 1) / available.Count;
        for (var i = 0; i < available.Count && i * share < workers.Clips.Count; i++)
        {
            var clips = workers.Clips.Skip(i * share).Take(share).ToList();
            var partition = new Partition(++_nextPartition, available[i], clips, workers.Tries + 1);
            _partitions[partition.Id] = partition;
            var request = new OpenPartition(epoch.Epoch, epoch.Seed, epoch.SampleRate, epoch.SegmentSamples, epoch.Windows, [.. clips]);
            partition.Worker.Ask<ISourceRef<ClipWindows>>(request, TimeSpan.FromSeconds(30))
                .ContinueWith(task => task.IsCompletedSuccessfully
                    ? (object)new PartitionOpened(partition.Id, task.Result)
                    : new PartitionFailed(partition.Id, task.Exception?.GetBaseException() ?? new TimeoutException("no answer")))
                .PipeTo(Self);
        }
    }

    private void Finish(long id, Exception? cause)
    {
        if (!_partitions.TryGetValue(id, out var partition) || partition.Done)
            return;
        partition.Done = true;
        // Clips received but not yet accepted by the queue are on their way: they must not be sent out again.
        var underway = _pending.Where(p => p.Partition == id).Select(p => p.Element.Clip.Index).ToHashSet();
        if (_offered is { } offered && offered.Partition == id)
            underway.Add(offered.Clip);
        var remaining = partition.Clips.Where(c => !partition.Delivered.Contains(c.Index) && !underway.Contains(c.Index)).ToList();
        var fruitless = cause is not null && partition.Delivered.Count == 0;
        if (remaining.Count > 0 && fruitless && partition.Tries >= MaxTries && _epoch is { } epoch)
        {
            epoch.Queue.Fail(new InvalidOperationException(
                $"{partition.Tries} partitions in a row could not deliver {remaining.Count} clips; last failure: {cause!.Message}", cause));
            StopPartitions();
            return;
        }
        if (remaining.Count > 0)
        {
            _log.Warning("worker {0} stopped delivering ({1}); {2} of its {3} clips go to another worker",
                partition.Worker.Path.Address, cause?.Message ?? "its stream ended early", remaining.Count, partition.Clips.Count);
            RequestWorkers(remaining, cause is null ? null : partition.Worker, attempt: 1, tries: fruitless ? partition.Tries : 0);
        }
        CompleteIfDone();
    }

    private void OfferNext()
    {
        if (_offering || _pending.Count == 0 || _epoch is null)
            return;
        var (partition, element) = _pending.Dequeue();
        _offering = true;
        _offered = (partition, element.Clip.Index);
        var run = _run;
        _epoch.Queue.OfferAsync(element).ContinueWith(task => task.IsCompletedSuccessfully
                ? (object)new Offered(run, partition, element.Clip.Index, task.Result)
                : new OfferFailed(run, task.Exception?.GetBaseException() ?? new InvalidOperationException("offer failed")))
            .PipeTo(Self);
    }

    private void CompleteIfDone()
    {
        if (_epoch is null || _offering || _pending.Count > 0 || _assigning > 0 || _partitions.Values.Any(p => !p.Done))
            return;
        var delivered = _partitions.Values.Sum(p => p.Delivered.Count);
        _log.Info("epoch {0}: {1} clips delivered by {2} partitions", _epoch.Epoch + 1, delivered, _partitions.Count);
        _epoch.Queue.Complete();
        _epoch = null;
    }

    private void StopPartitions()
    {
        foreach (var partition in _partitions.Values)
        {
            partition.Done = true;
            partition.Switch?.Shutdown();
        }
        _pending.Clear();
        _epoch = null;
    }
}
