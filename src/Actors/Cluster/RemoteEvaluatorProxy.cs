using Akka.Actor;
using Akka.Event;
using Pipeline.Actors.Training;
using Pipeline.Model.Models;
using Pipeline.Model.Training;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// Stands in for the evaluator on the trainer node when evaluation runs on a worker: keeps the same policy (one
/// snapshot being evaluated, only the newest one waiting), sends the weights to a worker, and answers the trainer
/// with the snapshot it kept. If that worker goes away, the snapshot is sent to another.
/// </summary>
public sealed class RemoteEvaluatorProxy : ReceiveActor, IWithTimers
{
    private sealed record Retry;

    private readonly IActorRef _registry;
    private readonly ModelSettings _model;
    private readonly int _segmentSamples;
    private readonly IReadOnlyList<string> _tags;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private (WeightSnapshot Snapshot, IActorRef ReplyTo, IActorRef? Worker)? _current;
    private (WeightSnapshot Snapshot, IActorRef ReplyTo)? _waiting;

    public ITimerScheduler Timers { get; set; } = null!;

    public RemoteEvaluatorProxy(IActorRef registry, ModelSettings model, int segmentSamples, IReadOnlyList<string> tags)
    {
        _registry = registry;
        _model = model;
        _segmentSamples = segmentSamples;
        _tags = tags;

        Receive<EvaluateSnapshot>(request =>
        {
            if (_current is null)
            {
                _current = (request.Snapshot, request.ReplyTo, null);
                Send();
                return;
            }
            if (_waiting is { } stale)
            {
                stale.ReplyTo.Tell(new SnapshotDropped(stale.Snapshot.Version));
                stale.Snapshot.Dispose();
            }
            _waiting = (request.Snapshot, request.ReplyTo);
        });
        Receive<CurrentWorkers>(workers =>
        {
            if (_current is not { } current || current.Worker is not null)
                return;
            var worker = workers.Workers.FirstOrDefault();
            if (worker is null)
            {
                Timers.StartSingleTimer("retry", new Retry(), TimeSpan.FromSeconds(1));
                return;
            }
            Context.Watch(worker);
            _current = current with { Worker = worker };
            worker.Tell(new EvaluateRemotely(current.Snapshot.Version, current.Snapshot.Epoch, current.Snapshot.Step, _model,
                _segmentSamples, [.. _tags], current.Snapshot.ToBytes()));
        });
        Receive<Retry>(_ => Send());
        Receive<RemoteEvaluationCompleted>(result =>
        {
            if (_current is not { } current || current.Snapshot.Version != result.Version)
                return;
            if (current.Worker is not null)
                Context.Unwatch(current.Worker);
            current.ReplyTo.Tell(new EvaluationCompleted(current.Snapshot, result.Report, TimeSpan.FromSeconds(result.Seconds)));
            _current = null;
            if (_waiting is { } next)
            {
                _waiting = null;
                _current = (next.Snapshot, next.ReplyTo, null);
                Send();
            }
        });
        Receive<Terminated>(terminated =>
        {
            if (_current is { } current && Equals(current.Worker, terminated.ActorRef))
            {
                _log.Warning("the worker evaluating snapshot {0} went away; sending it to another", current.Snapshot.Version);
                _current = current with { Worker = null };
                Send();
            }
        });
    }

    public static Props Props(IActorRef registry, ModelSettings model, int segmentSamples, IReadOnlyList<string> tags) =>
        Akka.Actor.Props.Create(() => new RemoteEvaluatorProxy(registry, model, segmentSamples, tags));

    private void Send() => _registry.Tell(GetWorkers.Instance, Self);

    protected override void PostStop()
    {
        _current?.Snapshot.Dispose();
        _waiting?.Snapshot.Dispose();
    }
}
