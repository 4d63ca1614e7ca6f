using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Pipeline.Actors.Cluster.Membership;

/// <summary>
/// The coordinator node's view of the worker nodes, from cluster membership: a member with the worker role that is up
/// gets its /user/worker resolved and watched; one that leaves, is downed, stops or becomes unreachable is gone (until
/// it is reachable again). Logs who joined and left, and tells subscribers (each job's coordinator).
/// </summary>
public sealed class ClusterWorkersActor : ReceiveActor, IWithTimers
{
    private sealed record Resolve(Address Node, int Attempt);
    private sealed record Resolved(Address Node, IActorRef Worker);
    private sealed record NotResolved(Resolve Request);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<Address, IActorRef> _workers = [];
    private readonly HashSet<Address> _unreachable = [];
    private readonly HashSet<UniqueAddress> _enlisted = [];
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly List<(int Count, IActorRef ReplyTo)> _waiting = [];

    public ITimerScheduler Timers { get; set; } = null!;

    public ClusterWorkersActor()
    {
        // Weakly up: a node that joined while another is unreachable; it can take work before the cluster converges.
        Receive<ClusterEvent.MemberWeaklyUp>(up => Enlist(up.Member));
        Receive<ClusterEvent.MemberUp>(up => Enlist(up.Member));
        Receive<Resolve>(request =>
        {
            Context.ActorSelection(new RootActorPath(request.Node) / "user" / Worker.WorkerActor.Name).ResolveOne(TimeSpan.FromSeconds(5))
                .ContinueWith(task => task.IsCompletedSuccessfully ? (object)new Resolved(request.Node, task.Result) : new NotResolved(request))
                .PipeTo(Self);
        });
        Receive<NotResolved>(failed =>
        {
            // The node can be up a moment before its worker actor exists.
            if (failed.Request.Attempt < 30)
                Timers.StartSingleTimer(failed.Request.Node, failed.Request with { Attempt = failed.Request.Attempt + 1 }, TimeSpan.FromMilliseconds(500));
            else
                _log.Warning("node {0} has the worker role but no /user/{1}", failed.Request.Node, Worker.WorkerActor.Name);
        });
        Receive<Resolved>(resolved =>
        {
            if (!_workers.TryAdd(resolved.Node, resolved.Worker))
                return;
            Context.Watch(resolved.Worker);
            _log.Info("worker {0} joined ({1} up)", resolved.Node, Up().Count);
            Publish(new WorkerUp(resolved.Worker));
            AnswerWaiting();
        });
        Receive<ClusterEvent.UnreachableMember>(m => m.Member.HasRole(ClusterRoles.Worker), m =>
        {
            if (_unreachable.Add(m.Member.Address) && _workers.ContainsKey(m.Member.Address))
                Gone(m.Member.Address, "is unreachable");
        });
        Receive<ClusterEvent.ReachableMember>(m => m.Member.HasRole(ClusterRoles.Worker), m =>
        {
            if (_unreachable.Remove(m.Member.Address) && _workers.TryGetValue(m.Member.Address, out var worker))
            {
                _log.Info("worker {0} is reachable again ({1} up)", m.Member.Address, Up().Count);
                Publish(new WorkerUp(worker));
            }
        });
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            _enlisted.Remove(removed.Member.UniqueAddress);
            Drop(removed.Member.Address, "left the cluster");
        });
        Receive<Terminated>(terminated => Drop(terminated.ActorRef.Path.Address, "stopped"));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.IReachabilityEvent>(_ => { });
        Receive<GetWorkers>(_ => Sender.Tell(new CurrentWorkers(Up())));
        Receive<WaitForWorkers>(wait =>
        {
            _waiting.Add((wait.Count, Sender));
            AnswerWaiting();
        });
        Receive<SubscribeWorkers>(subscribe =>
        {
            _subscribers.Add(subscribe.Subscriber);
            foreach (var worker in Up())
                subscribe.Subscriber.Tell(new WorkerUp(worker));
        });
        Receive<UnsubscribeWorkers>(unsubscribe => _subscribers.Remove(unsubscribe.Subscriber));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ClusterWorkersActor());

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Enlist(Member member)
    {
        if (member.HasRole(ClusterRoles.Worker) && _enlisted.Add(member.UniqueAddress))
            Self.Tell(new Resolve(member.Address, 1));
    }

    private List<IActorRef> Up() => [.. _workers.Where(w => !_unreachable.Contains(w.Key)).Select(w => w.Value)];

    private void Drop(Address node, string why)
    {
        _unreachable.Remove(node);
        if (_workers.Remove(node))
            Gone(node, why);
    }

    private void Gone(Address node, string why)
    {
        _log.Warning("worker {0} {1} ({2} up)", node, why, Up().Count);
        Publish(new WorkerGone(node, why));
    }

    private void Publish(object message)
    {
        foreach (var subscriber in _subscribers)
            subscriber.Tell(message);
    }

    private void AnswerWaiting()
    {
        foreach (var waiter in _waiting.Where(w => Up().Count >= w.Count).ToList())
        {
            waiter.ReplyTo.Tell(new CurrentWorkers(Up()));
            _waiting.Remove(waiter);
        }
    }
}
