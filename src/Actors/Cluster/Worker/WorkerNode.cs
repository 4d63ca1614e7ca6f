using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Pipeline.Actors.Cluster.Membership;
using Pipeline.Actors.Cluster.Security;
using Serilog;

namespace Pipeline.Actors.Cluster.Worker;

/// <summary>
/// This process as a worker node, for as long as it runs: joins the coordinator (and keeps trying until one is
/// there), serves whatever job runs on it, and when the coordinator is gone (its command ended, it died, this node was
/// cut off and taken out) starts over and joins again, ready for the next run. Ends on cancellation (leaving the
/// cluster cleanly), or with <see cref="ClusterSecurityException"/> when the cluster refused this node's certificate.
/// </summary>
public static class WorkerNode
{
    public static async Task RunAsync(ClusterSettings cluster, Config config, WorkerContext context, CancellationToken cancellation)
    {
        var coordinator = $"{cluster.CoordinatorHost}:{cluster.CoordinatorPort}";
        while (true)
        {
            var system = SecureClusterSystem.Create(cluster.Security, ClusterSetup.For(cluster, ClusterRoles.Worker).WithFallback(config));
            var gone = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(WorkerActor.Props(context), WorkerActor.Name);
            system.ActorOf(Akka.Actor.Props.Create(() => new CoordinatorWatch(gone)), "coordinator-watch");
            Log.Information("worker {Address} joining the coordinator at {Coordinator}", Akka.Cluster.Cluster.Get(system).SelfAddress, coordinator);

            var ended = await Task.WhenAny(system.WhenTerminated, gone.Task, Task.Delay(Timeout.Infinite, cancellation));
            if (cancellation.IsCancellationRequested)
            {
                Log.Information("leaving the cluster");
                await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance);
                return;
            }
            if (SecureClusterSystem.Refusal(system) is { } refusal)
                throw new ClusterSecurityException(refusal);
            var why = ended == gone.Task ? gone.Task.Result : "took this node out of its cluster";
            Log.Warning("the coordinator {Why}; joining again for the next run", why);
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
            await system.WhenTerminated;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
            if (cancellation.IsCancellationRequested)
                return;
        }
    }

    /// <summary>Logs when the coordinator is up and completes <c>gone</c> when it leaves or is removed.</summary>
    private sealed class CoordinatorWatch : ReceiveActor
    {
        public CoordinatorWatch(TaskCompletionSource<string> gone)
        {
            Receive<ClusterEvent.MemberUp>(up =>
            {
                if (up.Member.HasRole(ClusterRoles.Coordinator))
                    Log.Information("joined the coordinator {Address}", up.Member.Address);
            });
            Receive<ClusterEvent.MemberRemoved>(removed =>
            {
                if (removed.Member.HasRole(ClusterRoles.Coordinator))
                    gone.TrySetResult($"{removed.Member.Address} left the cluster");
            });
            Receive<ClusterEvent.IMemberEvent>(_ => { });
        }

        protected override void PreStart() =>
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
