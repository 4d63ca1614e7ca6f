using System.Collections.Immutable;
using Akka;
using Akka.Streams.Dsl;
using Pipeline.Shared;

namespace Pipeline.Streams.Provider.Stages;

/// <summary>Segments into model batches: consecutive groups of the batch size, the last one as full as it gets.</summary>
public static class BatchFlows
{
    /// <summary>Training batches, never one of a single segment (<see cref="TrainingBatchStage"/>).</summary>
    public static Flow<Segment, Batch, NotUsed> Training(int batchSize) => Flow.FromGraph(new TrainingBatchStage(batchSize));

    /// <summary>Evaluation batches: every segment, in order (the model is in evaluation mode, so any size works).</summary>
    public static Flow<Segment, Batch, NotUsed> Evaluation(int batchSize) =>
        Flow.Create<Segment>().Grouped(batchSize).Select(From).Named("batch");

    public static Batch From(IEnumerable<Segment> group)
    {
        var segments = group as IReadOnlyList<Segment> ?? group.ToList();
        if (segments.Count == 0)
            throw new ArgumentException("a batch needs at least one segment", nameof(group));
        var length = segments[0].Samples.Length;
        var tags = segments[0].Clip.Labels.Length;
        var samples = new float[segments.Count * length];
        var labels = new float[segments.Count * tags];
        var clips = ImmutableArray.CreateBuilder<int>(segments.Count);
        for (var row = 0; row < segments.Count; row++)
        {
            segments[row].Samples.CopyTo(samples, row * length);
            segments[row].Clip.Labels.CopyTo(labels, row * tags);
            clips.Add(segments[row].Clip.Index);
        }
        return new Batch(segments.Count, length, tags, samples, labels, clips.MoveToImmutable());
    }
}
