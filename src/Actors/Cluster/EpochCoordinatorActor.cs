using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Plumbing;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Actors.Cluster;

/// <summary>Run one epoch: partition <see cref="Clips"/> among the workers and feed their windows into <see cref="Queue"/>.</summary>
public sealed record StartEpoch(int Epoch, int Seed, int SampleRate, int WindowSamples, TrainingWindows Windows, IReadOnlyList<ClipRef> Clips,
    ISourceQueueWithComplete<ClipWindows> Queue, Task QueueDone);

/// <summary>
/// The trainer node's side of a distributed epoch: assignment and reassignment. The epoch's clips (in the seeded
/// order) are split among the workers that are up (<see cref="PartitionRule"/>); each worker streams its partition
/// back through a stream reference, pulled with backpressure into the trainer's bounded queue one element at a time.
/// A clip counts as delivered once the queue accepted it. When a worker leaves or dies, its partition's stream fails
/// and the clips it has not delivered go to another worker: each clip reaches the trainer exactly once per epoch.
/// </summary>
public sealed class EpochCoordinatorActor : ReceiveActor, IWithTimers
{
    private sealed class Partition(long id, IActorRef worker, IReadOnlyList<ClipRef> clips, int tries)
    {
        public long Id { get; } = id;
        public IActorRef Worker { get; } = worker;
        public IReadOnlyList<ClipRef> Clips { get; } = clips;
        public int Tries { get; } = tries;
        public HashSet<int> Delivered { get; } = [];
        public IActorRef? Stream { get; set; }
        public UniqueKillSwitch? Switch { get; set; }
        public bool Done { get; set; }
    }

    // Everything that comes back from asks, timers and queue offers names the epoch run it belongs to: one from an
    // earlier run (e.g. the previous epoch's consumer finishing after this epoch started) is dropped on arrival.
    private interface IOfRun
    {
        long Run { get; }
    }

    private sealed record Workers(long Run, IReadOnlyList<IActorRef> Up, IReadOnlyList<ClipRef> Clips, IActorRef? Failed, int Attempt, int Tries) : IOfRun;
    private sealed record RetryAssignment(long Run, IReadOnlyList<ClipRef> Clips, IActorRef? Failed, int Attempt, int Tries) : IOfRun;
    private sealed record PartitionOpened(long Run, long Id, ISourceRef<ClipWindows> Source) : IOfRun;
    private sealed record PartitionStarted(long Run, long Id) : IOfRun;
    private sealed record PartitionEnded(long Run, long Id, Exception? Cause) : IOfRun;
    private sealed record Offered(long Run, long Partition, int Clip, IQueueOfferResult? Result, Exception? Failure) : IOfRun;
    private sealed record ConsumerDone(long Run) : IOfRun;

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
    private long _run;
    private long _nextPartition;
    private int _assigning;
    private (long Partition, int Clip)? _offered;

    public ITimerScheduler Timers { get; set; } = null!;

    public EpochCoordinatorActor(IActorRef registry, TimeSpan workerWait, int streamBuffer)
    {
        _registry = registry;
        _workerWait = workerWait;
        _materializer = StreamMaterializer.Create(Context, streamBuffer);

        Receive<IOfRun>(message => message.Run != _run, _ => { });
        Receive<StartEpoch>(Start);
        Receive<Workers>(Assign);
        Receive<RetryAssignment>(retry =>
        {
            _assigning--;
            RequestWorkers(retry.Clips, retry.Failed, retry.Attempt, retry.Tries);
        });
        Receive<PartitionOpened>(opened => Live(opened.Id) is not null, opened =>
        {
            var run = _run;
            _partitions[opened.Id].Switch = opened.Source.Source
                .ViaMaterialized(KillSwitches.Single<ClipWindows>(), Keep.Right)
                .To(AcknowledgingSink.To<ClipWindows>(Self, new PartitionStarted(run, opened.Id), Ack.Instance, new PartitionEnded(run, opened.Id, null),
                    e => new PartitionEnded(run, opened.Id, e)).WithAttributes(Attributes.CreateInputBuffer(1, 1)))
                .Run(_materializer);
        });
        Receive<PartitionStarted>(started => Live(started.Id) is not null, started =>
        {
            _partitions[started.Id].Stream = Sender;
            Sender.Tell(Ack.Instance);
        });
        Receive<ClipWindows>(element =>
        {
            if (_partitions.Values.FirstOrDefault(p => Equals(p.Stream, Sender)) is not { } partition)
                return;
            _pending.Enqueue((partition.Id, element));
            OfferNext();
        });
        Receive<Offered>(Delivered);
        Receive<PartitionEnded>(ended => Finish(ended.Id, ended.Cause));
        Receive<ConsumerDone>(_ => StopPartitions());
    }

    public static Props Props(IActorRef registry, TimeSpan workerWait, int streamBuffer) =>
        Akka.Actor.Props.Create(() => new EpochCoordinatorActor(registry, workerWait, streamBuffer));

    private Partition? Live(long id) => _partitions.TryGetValue(id, out var partition) && !partition.Done ? partition : null;

    private void Start(StartEpoch start)
    {
        _epoch = start;
        var run = ++_run;
        _partitions.Clear();
        _pending.Clear();
        _assigning = 0;
        _offered = null;
        start.QueueDone.ContinueWith(_ => new ConsumerDone(run)).PipeTo(Self);
        RequestWorkers(DataProvider.EpochOrder(start.Clips, start.Seed, start.Epoch), failed: null, attempt: 1, tries: 0);
    }

    private void RequestWorkers(IReadOnlyList<ClipRef> clips, IActorRef? failed, int attempt, int tries)
    {
        _assigning++;
        var run = _run;
        _registry.Ask<CurrentWorkers>(GetWorkers.Instance, TimeSpan.FromSeconds(10))
            .ContinueWith(task => new Workers(run, task.IsCompletedSuccessfully ? task.Result.Workers : [], clips, failed, attempt, tries))
            .PipeTo(Self);
    }

    private void Assign(Workers workers)
    {
        _assigning--;
        var epoch = _epoch!;
        var partitions = PartitionRule.Split(workers.Clips, workers.Up, workers.Failed);
        if (partitions.Count == 0)
        {
            if (TimeSpan.FromSeconds(workers.Attempt) > _workerWait)
            {
                epoch.Queue.Fail(new InvalidOperationException(
                    $"no worker left to decode {workers.Clips.Count} clips of epoch {epoch.Epoch + 1} (waited {_workerWait})"));
                return;
            }
            // Counted as an assignment in progress, so the epoch cannot complete while these clips wait for a worker.
            _assigning++;
            Timers.StartSingleTimer($"retry-{workers.Attempt}-{workers.Clips[0].Id}",
                new RetryAssignment(_run, workers.Clips, workers.Failed, workers.Attempt + 1, workers.Tries), TimeSpan.FromSeconds(1));
            return;
        }
        foreach (var (worker, clips) in partitions)
        {
            var partition = new Partition(++_nextPartition, worker, clips, workers.Tries + 1);
            _partitions[partition.Id] = partition;
            var request = new OpenPartition(epoch.Epoch, epoch.Seed, epoch.SampleRate, epoch.WindowSamples, epoch.Windows, [.. clips]);
            var run = _run;
            worker.Ask<ISourceRef<ClipWindows>>(request, TimeSpan.FromSeconds(30))
                .ContinueWith(task => task.IsCompletedSuccessfully
                    ? (object)new PartitionOpened(run, partition.Id, task.Result)
                    : new PartitionEnded(run, partition.Id, task.Exception?.GetBaseException() ?? new TimeoutException("no answer")))
                .PipeTo(Self);
        }
    }

    private void Finish(long id, Exception? cause)
    {
        if (Live(id) is not { } partition)
            return;
        partition.Done = true;
        // Clips received but not yet accepted by the queue are on their way: they must not be sent out again.
        var underway = _pending.Where(p => p.Partition == id).Select(p => p.Element.Clip.Index).ToHashSet();
        if (_offered is { } offered && offered.Partition == id)
            underway.Add(offered.Clip);
        var remaining = PartitionRule.Undelivered(partition.Clips, c => c.Index, partition.Delivered, underway);
        var failed = cause is not null;
        if (remaining.Count > 0 && PartitionRule.GiveUp(partition.Tries, failed, partition.Delivered.Count) && _epoch is { } epoch)
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
            RequestWorkers(remaining, failed ? partition.Worker : null, attempt: 1,
                tries: PartitionRule.TriesAfter(partition.Tries, failed, partition.Delivered.Count));
        }
        CompleteIfDone();
    }

    private void OfferNext()
    {
        if (_offered is not null || _pending.Count == 0 || _epoch is null)
            return;
        var (partition, element) = _pending.Dequeue();
        _offered = (partition, element.Clip.Index);
        var run = _run;
        _epoch.Queue.OfferAsync(element).ContinueWith(task => new Offered(run, partition, element.Clip.Index,
                task.IsCompletedSuccessfully ? task.Result : null,
                task.IsCompletedSuccessfully ? null : task.Exception?.GetBaseException() ?? new InvalidOperationException("offer failed")))
            .PipeTo(Self);
    }

    private void Delivered(Offered offered)
    {
        _offered = null;
        if (offered.Result is not QueueOfferResult.Enqueued)
        {
            if (offered.Failure is not null)
                _log.Warning("the epoch's consumer failed: {0}", offered.Failure.Message);
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
    }

    private void CompleteIfDone()
    {
        if (_epoch is null || _offered is not null || _pending.Count > 0 || _assigning > 0 || _partitions.Values.Any(p => !p.Done))
            return;
        _log.Info("epoch {0}: {1} clips delivered by {2} partitions", _epoch.Epoch + 1, _partitions.Values.Sum(p => p.Delivered.Count), _partitions.Count);
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
