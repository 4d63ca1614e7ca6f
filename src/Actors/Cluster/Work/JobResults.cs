using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;

namespace Pipeline.Actors.Cluster.Work;

/// <summary>What the coordinator does to a worker's result before its consumer sees it.</summary>
public static class JobResults
{
    /// <summary>
    /// The result about the coordinator's own <paramref name="clip"/> (a worker may have read the file through a path
    /// mapping, and its copy of the clip is not the one the job's outputs name).
    /// </summary>
    public static JobResult WithClip(JobResult result, ClipRef clip) => result switch
    {
        ScoredResult { Outcome: ClipScored s } => new ScoredResult(s with { Clip = clip }),
        ScoredResult { Outcome: ClipNotScored n } => new ScoredResult(n with { Clip = clip }),
        AudioResult a => new AudioResult(a.Audio with { Clip = clip }),
        WindowsResult w => new WindowsResult(clip, [.. w.Events.Select(e => e with { Clip = clip })]),
        _ => throw new ArgumentException($"unknown result {result.GetType().Name}", nameof(result)),
    };

    /// <summary>The clip events of a result, as a local graph would have given them.</summary>
    public static IEnumerable<ClipEvent> Events(JobResult result) => result switch
    {
        AudioResult a => [a.Audio],
        WindowsResult w => w.Events,
        _ => throw new ArgumentException($"{result.GetType().Name} holds no clip events", nameof(result)),
    };
}
