using System.Collections.Immutable;
using Pipeline.Model.Training;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Cluster.Worker;

/// <summary>
/// What a worker node brings to every job it serves: its decoding (libraries, decoders, timeout), its device, where
/// it finds the coordinator's files, how many clips it holds at a time, and its own values of the settings that shape
/// results (<see cref="Shaping"/>), compared with the coordinator's before it takes a job.
/// </summary>
public sealed record WorkerContext(
    AudioSettings Audio,
    ProviderSettings Provider,
    DeviceChoice Device,
    PathMap PathMap,
    int ItemsInFlight,
    ImmutableSortedDictionary<string, string> Shaping)
{
    /// <summary>The first setting whose value here differs from the coordinator's, as one line; null when they agree.</summary>
    public string? Disagreement(IReadOnlyDictionary<string, string> coordinators)
    {
        foreach (var (key, value) in coordinators)
        {
            if (Shaping.TryGetValue(key, out var own) && own != value)
                return $"{key} = {own} on this worker but {value} on the coordinator; give every node the same configuration";
        }
        return null;
    }
}
