namespace Pipeline.Actors.Cluster.Work;

/// <summary>
/// How work is pulled: each worker holds at most <see cref="ItemsInFlight"/> clips at a time (pipeline.cluster.items-in-flight);
/// the coordinator grants no more while <see cref="MaxBufferedResults"/> results wait for its consumer; progress is
/// logged every <see cref="ProgressInterval"/>.
/// </summary>
public sealed record WorkSettings(int ItemsInFlight, int MaxBufferedResults, TimeSpan ProgressInterval);
