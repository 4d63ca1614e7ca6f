using Akka.Actor;
using Akka.Cluster;
using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Membership;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Host.Configuration;
using Serilog;

// A cluster node started the way the commands start one (settings from pipeline.conf and -D overrides, then
// SecureClusterSystem over ClusterSetup.For), reduced to what the separate-host tests watch. Standard output gets one
// line per event: "listening ADDRESS", "up|unreachable|reachable|removed ADDRESS" (cluster members as this node sees
// them), "received TEXT from ADDRESS" (its inbox actor), "reply TEXT" (answers to --send), "refused: WHY".
// Usage: pipeline-cluster-node --role coordinator|worker [--send TEXT] [-D key=value]...
//   --send TEXT: every half second, send "TEXT n" to the coordinator's inbox (pipeline.cluster.coordinator-host/-port).
// Exit codes: 0 stopped, 2 configuration or certificate problem (stderr: one line), 3 refused by a peer's TLS.

Log.Logger = new LoggerConfiguration().MinimumLevel.Information()
    .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose).CreateLogger();
var role = ClusterRoles.Worker;
string? send = null;
var defines = new List<string>();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--role": role = args[i + 1]; break;
        case "--send": send = args[i + 1]; break;
        case "-D": defines.Add(args[i + 1]); break;
        default:
            Console.Error.WriteLine($"error: unknown argument {args[i]}");
            return 2;
    }
}

ActorSystem system;
Pipeline.Actors.Cluster.ClusterSettings cluster;
try
{
    var layers = ConfigLayers.Load(null, defines);
    cluster = PipelineSettings.Read(new SettingsReader(layers)).Cluster;
    system = SecureClusterSystem.Create(cluster.Security, ClusterSetup.For(cluster, role).WithFallback(layers.Merged));
}
catch (Exception e) when (e is ClusterSecurityException or ConfigurationException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

Console.WriteLine($"listening {Akka.Cluster.Cluster.Get(system).SelfAddress}");
system.ActorOf(Props.Create(() => new MemberEvents()), "member-events");
system.ActorOf(Props.Create(() => new Inbox()), "inbox");
if (send is not null)
{
    var coordinatorInbox = $"{cluster.Security.Protocol}://{ClusterSetup.SystemName}@{cluster.CoordinatorHost}:{cluster.CoordinatorPort}/user/inbox";
    system.ActorOf(Props.Create(() => new Sender(system.ActorSelection(coordinatorInbox), send)), "sender");
}

await system.WhenTerminated;
if (SecureClusterSystem.Refusal(system) is { } refusal)
{
    Console.WriteLine($"refused: {refusal}");
    Console.Error.WriteLine($"error: {refusal}");
    return 3;
}
return 0;

/// <summary>Prints the cluster's membership and reachability as this node sees them.</summary>
internal sealed class MemberEvents : ReceiveActor
{
    public MemberEvents()
    {
        Receive<ClusterEvent.MemberUp>(e => Console.WriteLine($"up {e.Member.Address}"));
        Receive<ClusterEvent.UnreachableMember>(e => Console.WriteLine($"unreachable {e.Member.Address}"));
        Receive<ClusterEvent.ReachableMember>(e => Console.WriteLine($"reachable {e.Member.Address}"));
        Receive<ClusterEvent.MemberRemoved>(e => Console.WriteLine($"removed {e.Member.Address}"));
        ReceiveAny(_ => { });
    }

    protected override void PreStart() => Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
        typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
}

/// <summary>Prints what reaches it and answers, so a test sees both what got in and what got back.</summary>
internal sealed class Inbox : ReceiveActor
{
    public Inbox() => Receive<string>(text =>
    {
        Console.WriteLine($"received {text} from {Sender.Path.Address}");
        Sender.Tell($"got {text}");
    });
}

/// <summary>Sends numbered messages to a target twice a second and prints the answers.</summary>
internal sealed class Sender : ReceiveActor, IWithTimers
{
    private sealed record Tick;
    private int _sent;

    public Sender(ActorSelection target, string text)
    {
        Receive<Tick>(_ => target.Tell($"{text} {_sent++}"));
        Receive<string>(reply => Console.WriteLine($"reply {reply}"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("send", new Tick(), TimeSpan.FromMilliseconds(500));
}
