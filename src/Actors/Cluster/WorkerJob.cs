using Akka;
using Akka.Streams.Dsl;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Cluster;

/// <summary>
/// What a worker node serves: its provider and audio source (decoders over the shared audio files, or the cache) and
/// the rate that audio comes at,
/// how clips become windows, and the validation clips it scores snapshots on.
/// </summary>
public sealed record WorkerJob(
    DataProvider Provider,
    IClipAudio Audio,
    int SampleRate,
    IReadOnlyList<ClipRef> ValidationClips,
    DeviceChoice Device,
    Precision Precision,
    int EvaluationBatchSize);
