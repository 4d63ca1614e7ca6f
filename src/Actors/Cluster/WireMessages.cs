using System.Collections.Immutable;
using Pipeline.Model.Metrics;
using Pipeline.Model.Models;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Cluster;

/// <summary>Messages that cross nodes; <see cref="WireSerializer"/> writes them in a compact binary form.</summary>
public interface IWireMessage;

/// <summary>
/// Trainer -> worker: decode and segment these clips (in this order) for an epoch, at the trainer's sample rate,
/// window length and windowing, and answer with a stream reference (ISourceRef of <see cref="ClipWindows"/>) the trainer pulls from.
/// </summary>
public sealed record OpenPartition(int Epoch, int Seed, int SampleRate, int SegmentSamples, TrainingWindows Windows, ImmutableArray<ClipRef> Clips) : IWireMessage;

/// <summary>
/// One clip's windows, delivered as a unit so a clip is either received whole or reassigned whole. A clip that could
/// not be decoded comes without windows: answered for, but contributing nothing.
/// </summary>
public sealed record ClipWindows(ClipRef Clip, int WindowLength, float[] Samples) : IWireMessage
{
    public int Windows => Samples.Length / WindowLength;

    public IEnumerable<Segment> Segments() =>
        Enumerable.Range(0, Windows).Select(w => new Segment(Clip, w, Samples.AsSpan(w * WindowLength, WindowLength).ToArray()));

    public static ClipWindows Skipped(ClipRef clip, int windowLength) => new(clip, windowLength, []);

    public static ClipWindows From(ClipRef clip, IReadOnlyList<Segment> segments, int windowLength)
    {
        var samples = new float[segments.Count * windowLength];
        for (var i = 0; i < segments.Count; i++)
            segments[i].Samples.CopyTo(samples, i * windowLength);
        return new ClipWindows(clip, windowLength, samples);
    }
}

/// <summary>Trainer -> worker: score these weights (the model's state dict, as TorchSharp saves it) on the validation split.</summary>
public sealed record EvaluateRemotely(long Version, int Epoch, long Step, ModelSettings Model, int SegmentSamples,
    ImmutableArray<string> Tags, byte[] Weights) : IWireMessage;

/// <summary>Worker -> trainer: the metrics of one evaluation.</summary>
public sealed record RemoteEvaluationCompleted(long Version, TaggingReport Report, double Seconds) : IWireMessage;
