using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Actors.Cluster.Work;

namespace Pipeline.Host.Configuration;

/// <summary>pipeline.cluster: who coordinates, how workers join and pull work, where they find the files, TLS.</summary>
public static class ClusterSettingsReader
{
    public static ClusterSettings Read(SettingsReader r)
    {
        var itemsInFlight = r.Int("pipeline.cluster.items-in-flight", min: 1, max: 1_024);
        return new ClusterSettings(
            Enabled: r.Bool("pipeline.cluster.enabled"),
            Hostname: r.String("pipeline.cluster.hostname"),
            CoordinatorHost: r.String("pipeline.cluster.coordinator-host"),
            CoordinatorPort: r.Int("pipeline.cluster.coordinator-port", min: 1, max: 65_535),
            WorkerPort: r.Int("pipeline.cluster.worker-port", min: 0, max: 65_535),
            Workers: r.Int("pipeline.cluster.workers", min: 1, max: 10_000),
            WorkerWait: r.Duration("pipeline.cluster.worker-wait", TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
            RemoteEvaluation: r.Bool("pipeline.cluster.remote-evaluation"),
            DownUnreachableAfter: r.Duration("pipeline.cluster.down-unreachable-after", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            Work: new WorkSettings(itemsInFlight, MaxBufferedResults: 4 * itemsInFlight,
                r.Duration("pipeline.logging.progress-interval", TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1))),
            PathMap: new PathMap(r.List("pipeline.cluster.path-map", PathMap.Parse, "\"/data/music=/mnt/music\"")),
            Security: new ClusterSecurity(
                r.String("pipeline.cluster.tls.dir", allowEmpty: true) is { Length: > 0 } tls ? Path.GetFullPath(tls) : null,
                r.Bool("pipeline.cluster.allow-insecure")));
    }
}
