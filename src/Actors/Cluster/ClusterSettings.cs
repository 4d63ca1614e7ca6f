using Pipeline.Actors.Cluster.Security;
using Pipeline.Actors.Cluster.Work;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// How nodes find each other: the coordinator (the node whose command runs: train, tag, ...) listens on
/// <see cref="CoordinatorHost"/>:<see cref="CoordinatorPort"/> and is the seed node; workers listen on
/// <see cref="Hostname"/> at <see cref="WorkerPort"/> (0: any free port) and join it. <see cref="Work"/> says how work is
/// pulled, <see cref="PathMap"/> where a worker finds the coordinator's files, <see cref="Security"/> how the transport
/// between them is protected.
/// </summary>
public sealed record ClusterSettings(
    bool Enabled,
    string Hostname,
    string CoordinatorHost,
    int CoordinatorPort,
    int WorkerPort,
    int Workers,
    TimeSpan WorkerWait,
    bool RemoteEvaluation,
    TimeSpan DownUnreachableAfter,
    WorkSettings Work,
    PathMap PathMap,
    ClusterSecurity Security);
