using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Membership;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cluster.Security;

/// <summary>
/// Cluster nodes on 127.0.0.1 (ports picked by the system) started the way the commands start them
/// (<see cref="SecureClusterSystem"/> over <see cref="ClusterSetup.For"/>), each with an inbox actor that keeps what
/// reaches it and answers it, so a test can tell what got through.
/// </summary>
public sealed class TlsNodes : IAsyncDisposable
{
    public const string InboxName = "inbox";
    private readonly List<ActorSystem> _systems = [];

    public ConcurrentDictionary<ActorSystem, ConcurrentQueue<object>> Received { get; } = new();

    /// <param name="tlsDirectory">What cluster-certs wrote, or null for a node without TLS.</param>
    public ActorSystem Start(string? tlsDirectory, string role = ClusterRoles.Worker)
    {
        var settings = LoopbackCluster.Settings with { Security = new ClusterSecurity(tlsDirectory, AllowInsecure: false) };
        var system = SecureClusterSystem.Create(settings.Security, ClusterSetup.For(settings, role, portOverride: 0).WithFallback(TestAkka.Config));
        _systems.Add(system);
        var inbox = Received.GetOrAdd(system, _ => new ConcurrentQueue<object>());
        system.ActorOf(Props.Create(() => new InboxActor(inbox)), InboxName);
        return system;
    }

    /// <summary>Starts a node that forms a cluster of its own (the seed the others join) and waits until it is up.</summary>
    public async Task<ActorSystem> StartSeed(string? tlsDirectory)
    {
        var seed = Start(tlsDirectory, ClusterRoles.Coordinator);
        var cluster = Akka.Cluster.Cluster.Get(seed);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return seed;
    }

    public static ActorSelection Inbox(ActorSystem from, Address at) => from.ActorSelection(new RootActorPath(at) / "user" / InboxName);

    public static IReadOnlyList<Member> UpMembers(ActorSystem system) =>
        Akka.Cluster.Cluster.Get(system).State.Members.Where(m => m.Status == MemberStatus.Up).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var system in _systems)
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
    }

    private sealed class InboxActor : ReceiveActor
    {
        public InboxActor(ConcurrentQueue<object> received) => ReceiveAny(message =>
        {
            received.Enqueue(message);
            Sender.Tell($"got {message}");
        });
    }
}
