using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Pipeline.Actors.Cluster;

/// <summary>Ask for the workers that are up now.</summary>
public sealed record GetWorkers
{
    public static GetWorkers Instance { get; } = new();
}

/// <summary>Answer when at least <see cref="Count"/> workers are up.</summary>
public sealed record WaitForWorkers(int Count);

public sealed record CurrentWorkers(IReadOnlyList<IActorRef> Workers);

/// <summary>
/// The trainer node's view of the worker nodes, from cluster membership: a member with the worker role that is up
/// gets its /user/worker resolved and watched; a worker that leaves, is downed or stops is dropped.
/// </summary>
public sealed class ClusterWorkersActor : ReceiveActor, IWithTimers
{
    public const string WorkerRole = "worker";
    public const string TrainerRole = "trainer";

    private sealed record Resolve(Address Node, int Attempt);
    private sealed record Resolved(Address Node, IActorRef Worker);
    private sealed record NotResolved(Resolve Request);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<Address, IActorRef> _workers = [];
    private readonly List<(int Count, IActorRef ReplyTo)> _waiting = [];

    public ITimerScheduler Timers { get; set; } = null!;

    public ClusterWorkersActor()
    {
        Receive<ClusterEvent.MemberUp>(up =>
        {
            if (up.Member.HasRole(WorkerRole))
                Self.Tell(new Resolve(up.Member.Address, 1));
        });
        Receive<Resolve>(request =>
        {
            Context.ActorSelection(new RootActorPath(request.Node) / "user" / WorkerActor.Name).ResolveOne(TimeSpan.FromSeconds(5))
                .ContinueWith(task => task.IsCompletedSuccessfully ? (object)new Resolved(request.Node, task.Result) : new NotResolved(request))
                .PipeTo(Self);
        });
        Receive<NotResolved>(failed =>
        {
            // The node can be up a moment before its worker actor exists.
            if (failed.Request.Attempt < 30)
                Timers.StartSingleTimer(failed.Request.Node, failed.Request with { Attempt = failed.Request.Attempt + 1 }, TimeSpan.FromMilliseconds(500));
            else
                _log.Warning("node {0} has the worker role but no /user/{1}", failed.Request.Node, WorkerActor.Name);
        });
        Receive<Resolved>(resolved =>
        {
            _workers[resolved.Node] = resolved.Worker;
            Context.Watch(resolved.Worker);
            _log.Info("worker {0} joined ({1} up)", resolved.Node, _workers.Count);
            AnswerWaiting();
        });
        Receive<ClusterEvent.MemberRemoved>(removed => Drop(removed.Member.Address, "left the cluster"));
        Receive<Terminated>(terminated => Drop(terminated.ActorRef.Path.Address, "stopped"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<GetWorkers>(_ => Sender.Tell(new CurrentWorkers(_workers.Values.ToList())));
        Receive<WaitForWorkers>(wait =>
        {
            _waiting.Add((wait.Count, Sender));
            AnswerWaiting();
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterWorkersActor());

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Drop(Address node, string why)
    {
        if (_workers.Remove(node))
            _log.Warning("worker {0} {1} ({2} up)", node, why, _workers.Count);
    }

    private void AnswerWaiting()
    {
        foreach (var waiter in _waiting.Where(w => _workers.Count >= w.Count).ToList())
        {
            waiter.ReplyTo.Tell(new CurrentWorkers(_workers.Values.ToList()));
            _waiting.Remove(waiter);
        }
    }
}
