using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Pipeline.Actors.Cluster.Membership;
using Pipeline.Actors.Cluster.Wire;
using Pipeline.Streams.Clips;

namespace Pipeline.Actors.Cluster.Work;

/// <summary>
/// One job on the cluster, from the coordinator's side: offers it to every worker that is up or joins, grants clips to
/// the workers that ask for them (a few at a time each, so shares follow each worker's speed and a late worker gets
/// work at once), takes each clip's first result (<see cref="WorkLedger{TItem}"/>: exactly once, whatever workers do)
/// into <see cref="Results"/>, and gives the clips of a worker that dies, leaves or is cut off to the others. Grants
/// stop while the job's consumer lags, so what is in flight stays bounded. Logs who serves the job and its progress.
/// </summary>
public sealed class JobCoordinatorActor : ReceiveActor, IWithTimers
{
    private sealed record Offered(Exception? Failure);
    private sealed record ConsumerDone;
    private sealed record Progress;

    private readonly long _job;
    private readonly JobSpec _spec;
    private readonly IActorRef _registry;
    private readonly ISourceQueueWithComplete<JobResult> _results;
    private readonly WorkSettings _settings;
    private readonly WorkLedger<ClipRef> _ledger;
    private readonly Dictionary<long, ClipRef> _clips;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ParcelAssembler _parcels = new();
    private readonly Queue<JobResult> _pending = new();
    private readonly Dictionary<Address, IActorRef> _serving = [];
    private readonly Dictionary<Address, int> _doneBy = [];
    private readonly HashSet<Address> _refused = [];
    private readonly Dictionary<IActorRef, WorkRequest> _starved = [];
    private bool _offering;

    public ITimerScheduler Timers { get; set; } = null!;

    public JobCoordinatorActor(long job, JobSpec spec, IReadOnlyList<ClipRef> clips, IActorRef registry, ISourceQueueWithComplete<JobResult> results,
        WorkSettings settings)
    {
        (_job, _spec, _registry, _results, _settings) = (job, spec, registry, results, settings);
        _ledger = new WorkLedger<ClipRef>(clips, clip => clip.Index);
        _clips = clips.ToDictionary(clip => (long)clip.Index);
        Receive<WorkerUp>(up => Offer(up.Worker));
        Receive<WorkerGone>(Gone);
        Receive<JobAccepted>(accepted => accepted.Job == _job, _ => Accepted(Sender));
        Receive<JobRefused>(refused => refused.Job == _job, refused => Refused(Sender, refused.Reason));
        Receive<WorkRequest>(request => request.Job == _job, request => Grant(Sender, request));
        Receive<Parcel>(parcel =>
        {
            if (_parcels.Add(Sender, parcel) is ItemResult result && result.Job == _job)
                Completed(Sender, result);
        });
        Receive<Offered>(offered =>
        {
            _offering = false;
            if (offered.Failure is not null)
                Context.Stop(Self);
            else
                OfferNext();
        });
        Receive<ConsumerDone>(_ => Context.Stop(Self));
        Receive<Progress>(_ => LogProgress());
        Receive<IWireMessage>(_ => { }); // another job's, or a result from before a restart
    }

    public static Props Props(long job, JobSpec spec, IReadOnlyList<ClipRef> clips, IActorRef registry, ISourceQueueWithComplete<JobResult> results,
        WorkSettings settings) =>
        Akka.Actor.Props.Create(() => new JobCoordinatorActor(job, spec, clips, registry, results, settings));

    protected override void PreStart()
    {
        _log.Info("{0}: {1} clips for the cluster's workers", _spec.Describe(), _ledger.Total);
        _registry.Tell(new SubscribeWorkers(Self));
        _results.WatchCompletionAsync().ContinueWith(_ => new ConsumerDone()).PipeTo(Self);
        Timers.StartPeriodicTimer("progress", new Progress(), _settings.ProgressInterval);
        if (_ledger.Total == 0)
            _results.Complete();
    }

    protected override void PostStop()
    {
        _registry.Tell(new UnsubscribeWorkers(Self));
        foreach (var worker in _serving.Values)
            worker.Tell(new JobEnded(_job));
        if (!_ledger.Finished)
        {
            try
            {
                _results.Complete();
            }
            catch (Exception)
            {
                // The consumer is gone already: nothing waits for the rest.
            }
        }
    }

    private void Offer(IActorRef worker)
    {
        var node = worker.Path.Address;
        if (_refused.Contains(node))
            return;
        _serving[node] = worker;
        Parcels.Send(worker, new JobOffer(_job, _spec), Self);
    }

    private void Accepted(IActorRef runner) => _log.Info("{0}: worker {1} serves it", _spec.Describe(), runner.Path.Address);

    private void Refused(IActorRef worker, string reason)
    {
        var node = worker.Path.Address;
        if (_refused.Add(node))
            _log.Error("{0}: worker {1} refused the job: {2}", _spec.Describe(), node, reason);
        _serving.Remove(node);
        Release(node, "refused the job");
    }

    private void Gone(WorkerGone gone)
    {
        _serving.Remove(gone.Node);
        _parcels.Forget(gone.Node);
        Release(gone.Node, gone.Why);
    }

    private void Release(Address node, string why)
    {
        var back = _ledger.Release(node.ToString());
        foreach (var runner in _starved.Keys.Where(r => r.Path.Address.Equals(node)).ToList())
            _starved.Remove(runner);
        if (back > 0)
            _log.Warning("{0}: worker {1} {2}; its {3} unfinished clips go to the other workers", _spec.Describe(), node, why, back);
    }

    private void Grant(IActorRef runner, WorkRequest request)
    {
        var room = _settings.MaxBufferedResults - _pending.Count;
        var items = _ledger.Grant(runner.Path.Address.ToString(), request.StillHeld, request.Capacity, Math.Max(0, room));
        if (items.Count > 0)
        {
            _starved.Remove(runner);
            runner.Tell(new WorkGrant(_job, [.. items]));
        }
        else if (room <= 0 && request.Capacity > 0)
        {
            _starved[runner] = request; // answered when the consumer catches up
        }
    }

    private void Completed(IActorRef runner, ItemResult result)
    {
        var node = runner.Path.Address;
        if (!_clips.TryGetValue(result.Item, out var clip) || !_ledger.Complete(node.ToString(), result.Item))
            return; // a duplicate: another worker's result for this clip came first
        _doneBy[node] = _doneBy.GetValueOrDefault(node) + 1;
        _pending.Enqueue(JobResults.WithClip(result.Result, clip));
        OfferNext();
    }

    private void OfferNext()
    {
        if (_offering)
            return;
        if (_pending.TryDequeue(out var next))
        {
            _offering = true;
            _results.OfferAsync(next).ContinueWith(task => new Offered(task.IsCompletedSuccessfully ? null : task.Exception)).PipeTo(Self);
            return;
        }
        foreach (var (runner, request) in _starved.ToList())
            Grant(runner, request with { StillHeld = [.. _ledger.HeldBy(runner.Path.Address.ToString())] });
        if (_ledger.Finished)
        {
            LogProgress();
            _results.Complete();
            Context.Stop(Self);
        }
    }

    private void LogProgress() =>
        _log.Info("{0}: {1} of {2} clips done, {3} being worked on, {4} waiting; by worker: {5}", _spec.Describe(), _ledger.Done, _ledger.Total,
            _ledger.Held, _ledger.Waiting, _doneBy.Count == 0 ? "none yet" : string.Join(", ", _doneBy.Select(d => $"{d.Key.Host}:{d.Key.Port} {d.Value}")));
}
