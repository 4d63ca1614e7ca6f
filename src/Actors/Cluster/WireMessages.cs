using System.Collections.Immutable;
using Pipeline.Model.Metrics;
using Pipeline.Model.Models;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Windows;

namespace Pipeline.Actors.Cluster;

/// <summary>Messages that cross nodes; <see cref="WireSerializer"/> writes them in a compact binary form.</summary>
public interface IWireMessage;

/// <summary>
/// Trainer -> worker: decode these clips and cut their windows (in this order) for an epoch, at the trainer's sample rate,
/// window length and windowing, and answer with a stream reference (ISourceRef of <see cref="ClipWindows"/>) the trainer pulls from.
/// </summary>
public sealed record OpenPartition(int Epoch, int Seed, int SampleRate, int WindowSamples, TrainingWindows Windows, ImmutableArray<ClipRef> Clips) : IWireMessage;

/// <summary>
/// One clip's windows in one array: a clip is received whole or
/// reassigned whole, and a clip that could not be decoded comes without windows (answered for, contributing nothing).
/// </summary>
public sealed record ClipWindows(ClipRef Clip, int WindowLength, float[] Samples) : IWireMessage
{
    public int Windows => Samples.Length / WindowLength;

    public IEnumerable<ClipEvent> ToWindows() =>
        Enumerable.Range(0, Windows).Select(w => (ClipEvent)new Window(Clip, w, Samples.AsSpan(w * WindowLength, WindowLength).ToArray()));

    public static ClipWindows From(ClipRef clip, IReadOnlyList<Window> windows, int windowLength)
    {
        var samples = new float[windows.Count * windowLength];
        for (var i = 0; i < windows.Count; i++)
            windows[i].Samples.CopyTo(samples, i * windowLength);
        return new ClipWindows(clip, windowLength, samples);
    }
}

/// <summary>Trainer -> worker: score these weights (the model's state dict, as TorchSharp saves it) on the validation split.</summary>
public sealed record EvaluateRemotely(long Version, int Epoch, long Step, ModelSettings Model, int WindowSamples,
    ImmutableArray<string> Tags, byte[] Weights) : IWireMessage;

/// <summary>Worker -> trainer: the metrics of one evaluation.</summary>
public sealed record RemoteEvaluationCompleted(long Version, TaggingReport Report, double Seconds) : IWireMessage;
