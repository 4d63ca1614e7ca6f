using Akka.Actor;
using Akka.Event;
using Pipeline.Actors.Training;
using Pipeline.Model.Models;
using Pipeline.Model.Training;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// Stands in for the evaluator on the trainer node when evaluation runs on a worker: keeps the evaluators' rule
/// (<see cref="NewestSnapshotQueue{T}"/>), sends the weights to a worker, and answers the trainer with the snapshot
/// it kept. If that worker goes away, the snapshot is sent to another.
/// </summary>
public sealed class RemoteEvaluatorProxy : ReceiveActor, IWithTimers
{
    private sealed record Retry;

    private readonly IActorRef _registry;
    private readonly ModelSettings _model;
    private readonly int _windowSamples;
    private readonly IReadOnlyList<string> _tags;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly NewestSnapshotQueue<EvaluateSnapshot> _queue = new();
    private IActorRef? _worker;

    public ITimerScheduler Timers { get; set; } = null!;

    public RemoteEvaluatorProxy(IActorRef registry, ModelSettings model, int windowSamples, IReadOnlyList<string> tags)
    {
        _registry = registry;
        _model = model;
        _windowSamples = windowSamples;
        _tags = tags;

        Receive<EvaluateSnapshot>(request =>
        {
            var (startsNow, replaced) = _queue.Offer(request);
            if (replaced is not null)
            {
                replaced.ReplyTo.Tell(new SnapshotDropped(replaced.Snapshot.Version));
                replaced.Snapshot.Dispose();
            }
            if (startsNow)
                Send();
        });
        Receive<CurrentWorkers>(workers =>
        {
            if (_queue.Current is not { } current || _worker is not null)
                return;
            var worker = workers.Workers.FirstOrDefault();
            if (worker is null)
            {
                Timers.StartSingleTimer("retry", new Retry(), TimeSpan.FromSeconds(1));
                return;
            }
            Context.Watch(worker);
            _worker = worker;
            var snapshot = current.Snapshot;
            worker.Tell(new EvaluateRemotely(snapshot.Version, snapshot.Epoch, snapshot.Step, _model, _windowSamples, [.. _tags], snapshot.ToBytes()));
        });
        Receive<Retry>(_ => Send());
        Receive<RemoteEvaluationCompleted>(result =>
        {
            if (_queue.Current is not { } current || current.Snapshot.Version != result.Version)
                return;
            if (_worker is not null)
                Context.Unwatch(_worker);
            _worker = null;
            current.ReplyTo.Tell(new EvaluationCompleted(current.Snapshot, result.Report, TimeSpan.FromSeconds(result.Seconds)));
            if (_queue.CompleteCurrent() is not null)
                Send();
        });
        Receive<Terminated>(terminated =>
        {
            if (_queue.Current is { } current && Equals(_worker, terminated.ActorRef))
            {
                _log.Warning("the worker evaluating snapshot {0} went away; sending it to another", current.Snapshot.Version);
                _worker = null;
                Send();
            }
        });
    }

    public static Props Props(IActorRef registry, ModelSettings model, int windowSamples, IReadOnlyList<string> tags) =>
        Akka.Actor.Props.Create(() => new RemoteEvaluatorProxy(registry, model, windowSamples, tags));

    private void Send() => _registry.Tell(GetWorkers.Instance, Self);

    protected override void PostStop()
    {
        foreach (var request in _queue.All)
            request.Snapshot.Dispose();
    }
}
