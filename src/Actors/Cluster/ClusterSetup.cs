using System.Globalization;
using Akka.Actor;
using Akka.Configuration;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// The actor-system configuration of a cluster node, from <see cref="ClusterSettings"/>: remoting on the node's
/// address, the cluster role, the coordinator as seed node, and the split-brain resolver that takes a dead node out
/// (its clips have gone to other workers by then). Every node's system is called <see cref="SystemName"/>.
/// </summary>
public static class ClusterSetup
{
    public const string SystemName = "pipeline";

    /// <summary>The largest message a node accepts: twice the largest parcel, since large messages travel in parcels.</summary>
    private const int MaximumFrameBytes = 4 * Wire.Parcels.MaxBytes;

    /// <param name="portOverride">Listen here instead (0: any free port); the node then joins by <see cref="Join"/>.</param>
    public static Config For(ClusterSettings settings, string role, int? portOverride = null)
    {
        var seedNodes = portOverride is null ? $"\"{settings.Security.Protocol}://{SystemName}@{settings.CoordinatorHost}:{settings.CoordinatorPort}\"" : "";
        var coordinator = role == Membership.ClusterRoles.Coordinator;
        var port = portOverride ?? (coordinator ? settings.CoordinatorPort : settings.WorkerPort);
        var hostname = coordinator ? settings.CoordinatorHost : settings.Hostname;
        var seconds = settings.DownUnreachableAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return ConfigurationFactory.ParseString($$"""
            akka {
              actor.provider = cluster
              remote.dot-netty.tcp {
                hostname = "{{hostname}}"
                port = {{port}}
                maximum-frame-size = {{MaximumFrameBytes}}b
                send-buffer-size = {{MaximumFrameBytes}}b
                receive-buffer-size = {{MaximumFrameBytes}}b
              }
              cluster {
                roles = ["{{role}}"]
                seed-nodes = [{{seedNodes}}]
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  # The coordinator is the oldest node: its side survives, and a worker that stops answering is downed.
                  active-strategy = keep-oldest
                  stable-after = {{seconds}}s
                  keep-oldest.down-if-alone = off
                  # Its default downs every node, the coordinator too, when reachability keeps changing (one worker
                  # killed and another cut off within seconds): the run would fail. The coordinator's side is always right.
                  down-all-when-unstable = off
                }
              }
            }
            """);
    }

    /// <summary>Joins a running coordinator at <paramref name="seed"/> (tests on loopback pick ports at random).</summary>
    public static void Join(ActorSystem system, Address seed) => Akka.Cluster.Cluster.Get(system).Join(seed);
}
