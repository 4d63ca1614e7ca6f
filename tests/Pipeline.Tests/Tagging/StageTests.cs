using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Streams.Scoring;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>Windows of several clips packed into full batches, and their scores regrouped per clip, in order.</summary>
public sealed class StageTests() : Akka.TestKit.Xunit2.TestKit(TestAkka.Config)
{
    private const int Length = 4;
    private static readonly ClipRef A = ClipRef.File(0, "a"), B = ClipRef.File(1, "b"), C = ClipRef.File(2, "c");

    private static IEnumerable<ClipEvent> Chunk(ClipRef clip, long first, int count) =>
        Enumerable.Range(0, count).Select(i => (ClipEvent)new Window(clip, first + i, Enumerable.Repeat((float)(clip.Index * 100 + first + i), Length).ToArray()));

    private static ClipEnded Ended(ClipRef clip, long windows, double seconds = 1) => new(clip, seconds, []) { Windows = windows };

    private List<Batch> Pack(int batchSize, params IEnumerable<ClipEvent>[] events) =>
        Source.From(events.SelectMany(e => e)).Via(new BatchStage(batchSize, Length)).RunWith(Sink.Seq<Batch>(), Sys.Materializer()).Result.ToList();

    private static string PathOf(IClipEnding ending) => ((ClipEvent)ending).Clip.AudioPath;

    [Fact]
    public void Windows_of_several_clips_fill_batches_and_each_ending_follows_its_clips_last_window()
    {
        var batches = Pack(4,
            Chunk(A, 0, 3), Chunk(B, 0, 2), [Ended(A, 3)], Chunk(B, 2, 4), [new ClipFailed(C, null, "bad")], [Ended(B, 6)]);

        Assert.Equal([4, 4, 1], batches.Select(b => b.Count));
        var rows = batches.SelectMany(b => b.Rows).ToList();
        Assert.Equal([(0, 0L), (0, 1L), (0, 2L), (1, 0L), (1, 1L), (1, 2L), (1, 3L), (1, 4L), (1, 5L)], rows.Select(r => (r.Clip, r.Window)));
        // Each row's samples are its window's.
        foreach (var batch in batches)
            for (var r = 0; r < batch.Count; r++)
                Assert.Equal(batch.Rows[r].Clip * 100 + batch.Rows[r].Window, batch.Samples[r * Length]);
        Assert.Equal([[], ["a"], ["c", "b"]], batches.Select(b => b.Endings.Select(PathOf).ToArray()));
    }

    [Fact]
    public void An_ending_with_no_windows_waiting_goes_out_at_once_in_a_batch_without_rows()
    {
        var batches = Pack(8, [new ClipFailed(A, null, "empty")], Chunk(B, 0, 2), [Ended(B, 2)]);

        Assert.Equal([0, 2], batches.Select(b => b.Count));
        Assert.Equal("a", PathOf(Assert.Single(batches[0].Endings)));
    }

    private static ScoredBatch Scored(Batch batch, Func<WindowRow, float[]> probabilities) =>
        new(batch, [.. batch.Rows.SelectMany(probabilities)], 2, null, 0);

    private List<ClipOutcome> Regroup(RegroupOptions options, params ScoredBatch[] batches) =>
        Source.From(batches).Via(new ClipRegroupStage(options)).RunWith(Sink.Seq<ClipOutcome>(), Sys.Materializer()).Result.ToList();

    [Fact]
    public void Scores_are_pooled_per_clip_and_a_clip_that_fails_after_windows_drops_them()
    {
        var batches = Pack(3, Chunk(A, 0, 2), Chunk(B, 0, 2), [Ended(A, 2, seconds: 1.5)], [new ClipFailed(B, null, "truncated")]);
        float[] Probabilities(WindowRow row) => [row.Window == 0 ? 0.2f : 0.6f, 0.5f];

        var mean = Regroup(new RegroupOptions(ScorePooling.Mean, KeepTimeline: true, false), [.. batches.Select(b => Scored(b, Probabilities))]);
        var max = Regroup(new RegroupOptions(ScorePooling.Max, false, false), [.. batches.Select(b => Scored(b, Probabilities))]);

        var a = Assert.IsType<ClipScored>(mean[0]);
        Assert.Equal((2, 1.5), (a.Windows, a.Seconds));
        Assert.Equal(0.4f, a.Scores[0], 6);
        Assert.Equal([0.2f, 0.5f, 0.6f, 0.5f], a.Timeline);
        Assert.Equal("truncated", Assert.IsType<ClipNotScored>(mean[1]).Reason);
        Assert.Equal(0.6f, Assert.IsType<ClipScored>(max[0]).Scores[0]);
        Assert.Null(Assert.IsType<ClipScored>(max[0]).Timeline);
    }

    [Fact]
    public void Clips_come_out_in_the_order_they_complete()
    {
        var batches = Pack(2, Chunk(A, 0, 1), Chunk(B, 0, 1), [Ended(B, 1)], Chunk(A, 1, 1), [Ended(A, 2)]);

        var outcomes = Regroup(new RegroupOptions(ScorePooling.Mean, false, false), [.. batches.Select(b => Scored(b, _ => [0.1f, 0.9f]))]);

        Assert.Equal(["b", "a"], outcomes.Select(o => o.Clip.AudioPath));
    }
}
