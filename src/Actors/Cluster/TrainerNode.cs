using Akka.Actor;
using Akka.Configuration;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Model.Models;
using Serilog;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// This process as the trainer node of a cluster (pipeline.cluster.enabled = on): the seed node, a registry of the
/// worker nodes, and the coordinator that hands them each epoch's clips. Waits until enough workers have joined.
/// </summary>
public sealed class TrainerNode
{
    private TrainerNode(ActorSystem system, IActorRef registry, IActorRef coordinator, ClusterSettings settings)
    {
        System = system;
        Registry = registry;
        Coordinator = coordinator;
        Settings = settings;
    }

    public ActorSystem System { get; }
    public IActorRef Registry { get; }
    public IActorRef Coordinator { get; }
    public ClusterSettings Settings { get; }

    public static async Task<TrainerNode> StartAsync(ClusterSettings cluster, Config config, int streamBuffer, CancellationToken cancellation)
    {
        var system = SecureClusterSystem.Create(cluster.Security, ClusterSetup.For(cluster, ClusterWorkersActor.TrainerRole).WithFallback(config));
        var registry = system.ActorOf(ClusterWorkersActor.Props(), "workers");
        var coordinator = system.ActorOf(EpochCoordinatorActor.Props(registry, cluster.WorkerWait, streamBuffer), "epochs");
        Log.Information("trainer node at {Address}; waiting up to {Wait} for {Workers} worker(s) (start them with the worker command)",
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
                                                $"(pipeline.cluster.workers, pipeline.cluster.worker-wait)");
        }
        return new TrainerNode(system, registry, coordinator, cluster);
    }

    /// <summary>Who evaluates snapshots: a worker (through a local proxy) when remote evaluation is on, else this node.</summary>
    public Props? EvaluatorProps(ModelSettings model, int windowSamples, IReadOnlyList<string> tags) =>
        Settings.RemoteEvaluation ? RemoteEvaluatorProxy.Props(Registry, model, windowSamples, tags) : null;
}
