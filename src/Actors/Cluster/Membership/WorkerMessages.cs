using Akka.Actor;

namespace Pipeline.Actors.Cluster.Membership;

/// <summary>The two roles of a cluster: the node of the job that runs (train, tag, ...), and the nodes that serve it.</summary>
public static class ClusterRoles
{
    public const string Coordinator = "coordinator";
    public const string Worker = "worker";
}

/// <summary>Ask for the workers that are up now.</summary>
public sealed record GetWorkers
{
    public static GetWorkers Instance { get; } = new();
}

/// <summary>Answer when at least <see cref="Count"/> workers are up.</summary>
public sealed record WaitForWorkers(int Count);

public sealed record CurrentWorkers(IReadOnlyList<IActorRef> Workers);

/// <summary>Tell the subscriber every worker that is up now and from now on each one that joins, leaves, is cut off or is back.</summary>
public sealed record SubscribeWorkers(IActorRef Subscriber);

public sealed record UnsubscribeWorkers(IActorRef Subscriber);

/// <summary>A worker is up (joined, or reachable again after it was cut off).</summary>
public sealed record WorkerUp(IActorRef Worker);

/// <summary>A worker is gone for now (<see cref="Why"/>: it left, died, was downed or is unreachable).</summary>
public sealed record WorkerGone(Address Node, string Why);
