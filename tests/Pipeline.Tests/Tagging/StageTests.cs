using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Streams.Tagging;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>Windows of several files packed into full batches, and their scores regrouped per file, in order.</summary>
public sealed class StageTests() : Akka.TestKit.Xunit2.TestKit(TestAkka.Config)
{
    private const int Window = 4;
    private static readonly AudioFile A = new(0, "a"), B = new(1, "b"), C = new(2, "c");

    private static FileWindows Chunk(AudioFile file, long first, int count) =>
        new(file, first, Enumerable.Range(0, count).Select(i => Enumerable.Repeat((float)(file.Index * 100 + first + i), Window).ToArray()).ToList());

    private List<WindowBatch> Pack(int batchSize, params FileEvent[] events) =>
        Source.From(events).Via(new WindowBatchStage(batchSize, Window)).RunWith(Sink.Seq<WindowBatch>(), Sys.Materializer()).Result.ToList();

    [Fact]
    public void Windows_of_several_files_fill_batches_and_each_ending_follows_its_files_last_window()
    {
        var batches = Pack(4,
            Chunk(A, 0, 3), Chunk(B, 0, 2), new FileEnded(A, 3, 1, []), Chunk(B, 2, 4), new FileFailed(C, null, "bad"),
            new FileEnded(B, 6, 1, []));

        Assert.Equal([4, 4, 1], batches.Select(b => b.Count));
        var rows = batches.SelectMany(b => b.Rows).ToList();
        Assert.Equal([(A, 0L), (A, 1L), (A, 2L), (B, 0L), (B, 1L), (B, 2L), (B, 3L), (B, 4L), (B, 5L)], rows.Select(r => (r.File, r.Window)));
        // Each row's samples are its window's.
        foreach (var batch in batches)
            for (var r = 0; r < batch.Count; r++)
                Assert.Equal(batch.Rows[r].File.Index * 100 + batch.Rows[r].Window, batch.Samples[r * Window]);
        Assert.Equal([[], ["a"], ["c", "b"]], batches.Select(b => b.Endings.Select(e => e.File.Path).ToArray()));
    }

    [Fact]
    public void An_ending_with_no_windows_waiting_goes_out_at_once_in_a_batch_without_rows()
    {
        var batches = Pack(8, new FileFailed(A, null, "empty"), Chunk(B, 0, 2), new FileEnded(B, 2, 1, []));

        Assert.Equal([0, 2], batches.Select(b => b.Count));
        Assert.Equal("a", Assert.Single(batches[0].Endings).File.Path);
    }

    private static ScoredBatch Scored(WindowBatch batch, Func<WindowRow, float[]> probabilities) =>
        new(batch, [.. batch.Rows.SelectMany(probabilities)], 2, null, 0);

    private List<FileOutcome> Regroup(RegroupOptions options, params ScoredBatch[] batches) =>
        Source.From(batches).Via(new FileRegroupStage(options)).RunWith(Sink.Seq<FileOutcome>(), Sys.Materializer()).Result.ToList();

    [Fact]
    public void Scores_are_pooled_per_file_and_a_file_that_fails_after_windows_drops_them()
    {
        var batches = Pack(3, Chunk(A, 0, 2), Chunk(B, 0, 2), new FileEnded(A, 2, 1.5, []), new FileFailed(B, null, "truncated"));
        float[] Probabilities(WindowRow row) => [row.Window == 0 ? 0.2f : 0.6f, 0.5f];

        var mean = Regroup(new RegroupOptions(ScorePooling.Mean, KeepTimeline: true, false), [.. batches.Select(b => Scored(b, Probabilities))]);
        var max = Regroup(new RegroupOptions(ScorePooling.Max, false, false), [.. batches.Select(b => Scored(b, Probabilities))]);

        var a = Assert.IsType<FileTagged>(mean[0]);
        Assert.Equal((2, 1.5), (a.Windows, a.Seconds));
        Assert.Equal(0.4f, a.Scores[0], 6);
        Assert.Equal([0.2f, 0.5f, 0.6f, 0.5f], a.Timeline);
        Assert.Equal("truncated", Assert.IsType<FileNotTagged>(mean[1]).Reason);
        Assert.Equal(0.6f, Assert.IsType<FileTagged>(max[0]).Scores[0]);
        Assert.Null(Assert.IsType<FileTagged>(max[0]).Timeline);
    }

    [Fact]
    public void Files_come_out_in_the_order_they_complete()
    {
        var batches = Pack(2, Chunk(A, 0, 1), Chunk(B, 0, 1), new FileEnded(B, 1, 1, []), Chunk(A, 1, 1), new FileEnded(A, 2, 1, []));

        var outcomes = Regroup(new RegroupOptions(ScorePooling.Mean, false, false), [.. batches.Select(b => Scored(b, _ => [0.1f, 0.9f]))]);

        Assert.Equal(["b", "a"], outcomes.Select(o => o.File.Path));
    }
}
