using Akka;
using Akka.Streams.Dsl;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Training;

/// <summary>What an evaluator scores snapshots on: the model's shape, the clips and where their audio comes from.</summary>
public sealed record EvaluationJob(
    ModelSettings Model,
    IReadOnlyList<string> Tags,
    DeviceChoice Device,
    Precision Precision,
    DataProvider Provider,
    IReadOnlyList<ClipRef> Clips,
    Flow<ClipRef, DecodeOutcome, NotUsed> Audio,
    int BatchSize);
