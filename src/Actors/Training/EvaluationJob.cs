using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;

namespace Pipeline.Actors.Training;

/// <summary>
/// What an evaluator scores snapshots on: the model's shape, the clips and where their audio comes from, read through
/// the one scoring graph <see cref="ScoringGraph"/> (every window of a clip, as `tag` reads a file).
/// </summary>
public sealed record EvaluationJob(
    ModelSettings Model,
    IReadOnlyList<string> Tags,
    DeviceChoice Device,
    Precision Precision,
    ProviderSettings Provider,
    int SampleRate,
    IReadOnlyList<ClipRef> Clips,
    IClipAudio Audio,
    int BatchSize)
{
    /// <summary>Who scores the clips when not this node (the cluster's workers); null: a scorer of this node's own.</summary>
    public Pipeline.Actors.Scoring.IClipScoring? Scoring { get; init; }

    public ScoringShape Shape => new(WindowShape.Adjacent(SampleRate, Provider.WindowSamples), Provider.DecodeParallelism, BatchSize);
}
