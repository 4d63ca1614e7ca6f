using Akka.Actor;
using Akka.Event;
using Pipeline.Actors.Cluster.Wire;

namespace Pipeline.Actors.Cluster.Worker;

/// <summary>
/// A worker node's front door (/user/worker): takes the jobs its coordinator offers, each served by a
/// <see cref="JobRunner"/> of its own (several at once: a training epoch and the evaluation of a snapshot, say), and
/// refuses, with one line naming the setting and both values, a job whose result-shaping settings differ from its own.
/// </summary>
public sealed class WorkerActor : ReceiveActor
{
    public const string Name = "worker";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ParcelAssembler _parcels = new();
    private readonly Dictionary<long, IActorRef> _runners = [];

    public WorkerActor(WorkerContext context)
    {
        Receive<Parcel>(parcel =>
        {
            if (_parcels.Add(Sender, parcel) is JobOffer offer)
                Offered(offer, Sender, context);
        });
        Receive<JobEnded>(ended =>
        {
            if (_runners.Remove(ended.Job, out var runner))
                Context.Stop(runner);
        });
        Receive<Terminated>(stopped =>
        {
            foreach (var job in _runners.Where(r => r.Value.Equals(stopped.ActorRef)).Select(r => r.Key).ToList())
                _runners.Remove(job);
        });
    }

    public static Props Props(WorkerContext context) => Akka.Actor.Props.Create(() => new WorkerActor(context));

    private void Offered(JobOffer offer, IActorRef coordinator, WorkerContext context)
    {
        if (_runners.ContainsKey(offer.Job))
            return; // offered again after this worker was cut off for a while: it still serves it
        if (context.Disagreement(offer.Spec.Shaping) is { } why)
        {
            _log.Error("refusing {0} from {1}: {2}", offer.Spec.Describe(), coordinator.Path.Address, why);
            coordinator.Tell(new JobRefused(offer.Job, why));
            return;
        }
        _log.Info("serving {0} for {1}", offer.Spec.Describe(), coordinator.Path.Address);
        var runner = Context.ActorOf(JobRunner.Props(offer, coordinator, context), $"job-{offer.Job}");
        Context.Watch(runner);
        _runners[offer.Job] = runner;
    }

    /// <summary>A runner that fails tells its coordinator (its clips go to other workers) and stops; the worker goes on.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
