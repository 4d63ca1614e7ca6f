using Akka.Actor;
using Akka.Configuration;
using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Actors.Decoding;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cluster;

/// <summary>
/// A trainer node and worker nodes as separate actor systems in one process, on 127.0.0.1 with ports picked by the
/// system. Workers "decode" synthetic clips (the decode function is given), counting what they decode.
/// </summary>
public sealed class LoopbackCluster : IAsyncDisposable
{
    public static readonly ClusterSettings Settings = new(
        Enabled: true, Hostname: "127.0.0.1", TrainerHost: "127.0.0.1", TrainerPort: 0, WorkerPort: 0, Workers: 2,
        WorkerWait: TimeSpan.FromSeconds(30), RemoteEvaluation: true, DownUnreachableAfter: TimeSpan.FromSeconds(1), StreamRefBuffer: 4,
        Security: new ClusterSecurity(TlsDirectory: null, AllowInsecure: false));

    private readonly List<ActorSystem> _workers = [];
    private int _decoded;

    private LoopbackCluster(ActorSystem trainer, IActorRef registry, IActorRef coordinator)
    {
        Trainer = trainer;
        Registry = registry;
        Coordinator = coordinator;
    }

    public ActorSystem Trainer { get; }
    public IActorRef Registry { get; }
    public IActorRef Coordinator { get; }
    public IReadOnlyList<ActorSystem> Workers => _workers;
    public int Decoded => Volatile.Read(ref _decoded);

    private static Config NodeConfig(string role, bool crashLikeOnTerminate = false) =>
        ConfigurationFactory.ParseString(crashLikeOnTerminate
                // Terminating this system must look like a crash to the others: no graceful leave.
                ? "akka.coordinated-shutdown.run-by-actor-system-terminate = off\nakka.cluster.run-coordinated-shutdown-when-down = off"
                : "")
            .WithFallback(ClusterSetup.For(Settings, role, portOverride: 0))
            .WithFallback(TestAkka.Config);

    public static async Task<LoopbackCluster> Start(ProviderSettings provider)
    {
        var trainer = ActorSystem.Create(ClusterSetup.SystemName, NodeConfig(ClusterWorkersActor.TrainerRole));
        var cluster = Akka.Cluster.Cluster.Get(trainer);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var registry = trainer.ActorOf(ClusterWorkersActor.Props(), "workers");
        var coordinator = trainer.ActorOf(EpochCoordinatorActor.Props(registry, Settings.WorkerWait, provider.StreamBuffer), "epochs");
        return new LoopbackCluster(trainer, registry, coordinator);
    }

    /// <summary>Starts a worker node and waits until the trainer counts <paramref name="expectedWorkers"/> workers.</summary>
    public async Task<ActorSystem> AddWorker(ProviderSettings provider, Func<string, DecodedAudio> decode, int expectedWorkers,
        IReadOnlyList<ClipRef>? validation = null, bool crashLikeOnTerminate = false, int sampleRate = 22_050)
    {
        var worker = ActorSystem.Create(ClusterSetup.SystemName, NodeConfig(ClusterWorkersActor.WorkerRole, crashLikeOnTerminate));
        _workers.Add(worker);
        var dataProvider = new DataProvider(provider);
        var decoders = SupervisedDecoders.Start(worker, provider.DecodeParallelism, TimeSpan.FromSeconds(30), path =>
        {
            Interlocked.Increment(ref _decoded);
            return decode(path);
        }, sampleRate);
        var audio = decoders;
        worker.ActorOf(WorkerActor.Props(new WorkerJob(dataProvider, audio, sampleRate, validation ?? [], DeviceChoice.Cpu, Precision.Fp32, 64)), WorkerActor.Name);
        ClusterSetup.Join(worker, Akka.Cluster.Cluster.Get(Trainer).SelfAddress);
        await Registry.Ask<CurrentWorkers>(new WaitForWorkers(expectedWorkers), TimeSpan.FromSeconds(30));
        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
            await worker.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
        await Trainer.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
