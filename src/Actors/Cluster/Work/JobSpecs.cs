using System.Collections.Immutable;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;

namespace Pipeline.Actors.Cluster.Work;

/// <summary>
/// What a worker does with the clips of a job, with everything that shapes the results: the coordinator decides them,
/// the worker never takes them from its own configuration. <see cref="Shaping"/> holds the coordinator's values of the
/// result-shaping settings, which a worker compares with its own and refuses the job on a difference.
/// </summary>
public abstract record JobSpec
{
    public ImmutableSortedDictionary<string, string> Shaping { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The job's kind, for logs ("tag", "extract", "train epoch 3").</summary>
    public abstract string Describe();
}

/// <summary>
/// Score clips with a model (`tag`, `embed`, `evaluate`): every window of <see cref="Windows"/>, batches of
/// <see cref="BatchSize"/>, the weights given (a state dict as TorchSharp saves it), pooled per clip as
/// <see cref="Options"/> says, with <see cref="Layer"/>'s output (null: none; "" the penultimate) for embeddings.
/// </summary>
public sealed record ScoringJob(string Name, WindowShape Windows, int BatchSize, ModelSettings Model, ImmutableArray<string> Tags, byte[] Weights,
    Precision Precision, RegroupOptions Options, string? Layer) : JobSpec
{
    public override string Describe() => Name;
}

/// <summary>Decode and resample clips whole (`extract --audio`), at <see cref="SampleRate"/>.</summary>
public sealed record ExtractionJob(int SampleRate) : JobSpec
{
    public override string Describe() => "extract";
}

/// <summary>Cut an epoch's training windows from clips (`train`), as the trainer's provider would: the same seed, epoch and plan.</summary>
public sealed record TrainingWindowsJob(int SampleRate, int WindowSamples, TrainingWindows Windows, Augmentation Augmentation, int Seed, int Epoch) : JobSpec
{
    public override string Describe() => $"train epoch {Epoch + 1}";

    public WindowPlan Plan => WindowPlan.Training(Windows, WindowSamples, Seed, Epoch, Augmentation);
}

/// <summary>An item's result, whichever the job.</summary>
public abstract record JobResult
{
    public abstract ClipRef Clip { get; }
}

/// <summary>A scored clip, or why it could not be scored.</summary>
public sealed record ScoredResult(ClipOutcome Outcome) : JobResult
{
    public override ClipRef Clip => Outcome.Clip;
}

/// <summary>A clip's whole audio (<see cref="ClipDecoded"/>) or its failure.</summary>
public sealed record AudioResult(ClipEvent Audio) : JobResult
{
    public override ClipRef Clip => Audio.Clip;
}

/// <summary>A clip's windows for the epoch, then its ending (or its failure alone).</summary>
public sealed record WindowsResult(ClipRef Of, IReadOnlyList<ClipEvent> Events) : JobResult
{
    public override ClipRef Clip => Of;
}
