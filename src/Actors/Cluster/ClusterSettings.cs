using Pipeline.Actors.Cluster.Security;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// How nodes find each other: the trainer listens on <see cref="TrainerHost"/>:<see cref="TrainerPort"/> and is the
/// seed node; workers listen on <see cref="Hostname"/> at <see cref="WorkerPort"/> (0: any free port) and join it.
/// <see cref="Security"/> says how the transport between them is protected.
/// </summary>
public sealed record ClusterSettings(
    bool Enabled,
    string Hostname,
    string TrainerHost,
    int TrainerPort,
    int WorkerPort,
    int Workers,
    TimeSpan WorkerWait,
    bool RemoteEvaluation,
    TimeSpan DownUnreachableAfter,
    int StreamRefBuffer,
    ClusterSecurity Security);
