using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Membership;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Actors.Cluster.Worker;
using Pipeline.Model.Training;
using Pipeline.Streams.Graph;
using Pipeline.Tests.Provider;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cluster;

/// <summary>
/// A coordinator node and worker nodes as separate actor systems in one process, on 127.0.0.1 with ports picked by
/// the system, wired as the commands wire them (a registry of workers, <see cref="ClusterWork"/>, a
/// <see cref="WorkerActor"/> on each worker). Workers decode real files with the program's decoders.
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    public static readonly ImmutableSortedDictionary<string, string> Shaping =
        new Dictionary<string, string> { ["pipeline.audio.sample-rate"] = "8000", ["pipeline.training.precision"] = "fp32" }.ToImmutableSortedDictionary();

    public static readonly ClusterSettings Settings = new(
        Enabled: true, Hostname: "127.0.0.1", CoordinatorHost: "127.0.0.1", CoordinatorPort: 0, WorkerPort: 0, Workers: 2,
        WorkerWait: TimeSpan.FromSeconds(30), RemoteEvaluation: true, DownUnreachableAfter: TimeSpan.FromSeconds(1),
        Work: new WorkSettings(ItemsInFlight: 3, MaxBufferedResults: 12, ProgressInterval: TimeSpan.FromSeconds(5)), PathMap: PathMap.None,
        Security: new ClusterSecurity(TlsDirectory: null, AllowInsecure: false));

    private readonly List<ActorSystem> _workers = [];

    private LoopbackCluster(ActorSystem coordinator, IActorRef registry)
    {
        Coordinator = coordinator;
        Registry = registry;
        Work = new ClusterWork(coordinator, registry, Settings.Work, Shaping);
    }

    public ActorSystem Coordinator { get; }
    public IActorRef Registry { get; }
    public ClusterWork Work { get; }
    public IReadOnlyList<ActorSystem> Workers => _workers;

    private static Config NodeConfig(string role, bool crashLikeOnTerminate = false) =>
        ConfigurationFactory.ParseString(crashLikeOnTerminate
                // Terminating this system must look like a crash to the others: no graceful leave.
                ? "akka.coordinated-shutdown.run-by-actor-system-terminate = off\nakka.cluster.run-coordinated-shutdown-when-down = off"
                : "")
            .WithFallback(ClusterSetup.For(Settings, role, portOverride: 0))
            .WithFallback(TestAkka.Config);

    public static async Task<LoopbackCluster> Start()
    {
        var coordinator = ActorSystem.Create(ClusterSetup.SystemName, NodeConfig(ClusterRoles.Coordinator));
        var cluster = Akka.Cluster.Cluster.Get(coordinator);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new LoopbackCluster(coordinator, coordinator.ActorOf(ClusterWorkersActor.Props(), "workers"));
    }

    /// <summary>The context of a worker of this cluster: the program's decoding at 8 kHz, two decoders.</summary>
    public static WorkerContext Context(ImmutableSortedDictionary<string, string>? shaping = null) =>
        new(Decoding.Settings with { SampleRate = 8_000 }, ProviderFixtures.Settings(window: 729, parallelism: 2), DeviceChoice.Cpu, PathMap.None,
            Settings.Work.ItemsInFlight, shaping ?? Shaping);

    /// <summary>Starts a worker node and waits until the coordinator counts <paramref name="expectedWorkers"/> workers.</summary>
    public async Task<ActorSystem> AddWorker(int expectedWorkers, WorkerContext? context = null, bool crashLikeOnTerminate = false)
    {
        var worker = ActorSystem.Create(ClusterSetup.SystemName, NodeConfig(ClusterRoles.Worker, crashLikeOnTerminate));
        _workers.Add(worker);
        worker.ActorOf(WorkerActor.Props(context ?? Context()), WorkerActor.Name);
        ClusterSetup.Join(worker, Akka.Cluster.Cluster.Get(Coordinator).SelfAddress);
        await Registry.Ask<CurrentWorkers>(new WaitForWorkers(expectedWorkers), TimeSpan.FromSeconds(30));
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
            await worker.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        await Coordinator.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
