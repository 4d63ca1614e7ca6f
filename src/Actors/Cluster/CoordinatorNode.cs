using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Pipeline.Actors.Cluster.Membership;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Actors.Cluster.Work;
using Serilog;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// This process as the coordinator of a cluster (pipeline.cluster.enabled = on, any job command): the seed node the
/// workers join, a registry of them, and <see cref="Work"/>, which runs the command's jobs on them. Waits until
/// pipeline.cluster.workers workers have joined; more may join at any time.
/// </summary>
public sealed class CoordinatorNode
{
    private CoordinatorNode(ActorSystem system, IActorRef registry, ClusterWork work, ClusterSettings settings)
    {
        System = system;
        Registry = registry;
        Work = work;
        Settings = settings;
    }

    public ActorSystem System { get; }
    public IActorRef Registry { get; }
    public ClusterWork Work { get; }
    public ClusterSettings Settings { get; }

    public static async Task<CoordinatorNode> StartAsync(ClusterSettings cluster, Config config, ImmutableSortedDictionary<string, string> shaping,
        CancellationToken cancellation)
    {
        var system = SecureClusterSystem.Create(cluster.Security, ClusterSetup.For(cluster, ClusterRoles.Coordinator).WithFallback(config));
        var registry = system.ActorOf(ClusterWorkersActor.Props(), "workers");
        var work = new ClusterWork(system, registry, cluster.Work, shaping);
        Log.Information("coordinator at {Address}; waiting up to {Wait} for {Workers} worker(s) (start them with the worker command)",
            Akka.Cluster.Cluster.Get(system).SelfAddress, cluster.WorkerWait, cluster.Workers);
        try
        {
            var workers = await registry.Ask<CurrentWorkers>(new WaitForWorkers(cluster.Workers), cluster.WorkerWait, cancellation);
            Log.Information("{Workers} worker(s) joined", workers.Workers.Count);
        }
        catch (AskTimeoutException)
        {
            var joined = (await registry.Ask<CurrentWorkers>(GetWorkers.Instance, TimeSpan.FromSeconds(5))).Workers.Count;
            await system.Terminate();
            throw new InvalidOperationException($"only {joined} of {cluster.Workers} worker(s) joined within {cluster.WorkerWait} " +
                                                "(pipeline.cluster.workers, pipeline.cluster.worker-wait)");
        }
        return new CoordinatorNode(system, registry, work, cluster);
    }
}
