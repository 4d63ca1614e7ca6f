using System.Diagnostics;
using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Pipeline.Actors.Cluster.Work;
using Pipeline.Actors.Composition;
using Pipeline.Host.Configuration;
using Pipeline.Actors.Decoding;
using Pipeline.Actors.Scoring;
using Pipeline.Host.Cli;
using Pipeline.Host.Logging;
using Pipeline.Model.Checkpoints;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Runs;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;
using Serilog;

namespace Pipeline.Host.Commands;

/// <summary>What `tag`, `embed` and `similar` share: files through the tagging graph, from the outcomes in order.</summary>
public sealed record InferenceSummary(int Tagged, int Failed, long Windows, TimeSpan Elapsed)
{
    public double FilesPerSecond => Tagged / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double WindowsPerSecond => Windows / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// A run's checkpoint loaded for inference (`tag`, `embed`, `similar`): the model, optionally a tapped layer, the
/// windows it reads, and the scoring graph `evaluate` runs, over a list of files with a progress display (files/s,
/// windows/s, ETA). A file that cannot be read is reported as a result, and the rest go on.
/// </summary>
public sealed class InferenceRun : IDisposable
{
    private readonly CommandContext _context;
    private readonly EvaluationSession _session;
    private readonly LayerTap? _tap;
    private readonly string? _requestedLayer;

    private InferenceRun(CommandContext context, EvaluationSession session, LayerTap? tap, string? layer, CheckpointInfo info, string checkpoint, WindowShape shape)
    {
        _context = context;
        _session = session;
        _tap = tap;
        _requestedLayer = layer;
        Info = info;
        Checkpoint = checkpoint;
        Shape = shape;
    }

    public CheckpointInfo Info { get; }
    public string Checkpoint { get; }
    public WindowShape Shape { get; }
    public IReadOnlyList<string> Tags => _session.Tags;
    public string? Layer => _tap?.Layer;

    /// <summary>The checkpoint file of a run folder (best or last); a usage error when it is not there.</summary>
    public static string CheckpointOf(string runDirectory, string which)
    {
        var run = new RunFolder(runDirectory);
        var path = which == "last" ? run.LastCheckpoint : run.BestCheckpoint;
        return File.Exists(path) ? path : throw new UsageException($"usage error: {path} does not exist (train first, or pick --checkpoint last)");
    }

    /// <summary>
    /// Loads the checkpoint; with <paramref name="tap"/>, listens to <paramref name="layer"/> (null: the penultimate).
    /// <paramref name="hopSeconds"/> null means adjacent windows.
    /// </summary>
    public static InferenceRun Load(CommandContext context, string checkpoint, double? hopSeconds, bool tap, string? layer)
    {
        if (hopSeconds is { } hop && (!(hop > 0) || double.IsInfinity(hop)))
            throw new UsageException($"usage error: --hop must be a positive number of seconds, got {hop}");
        var device = context.ConfigureTorch();
        var (session, info) = EvaluationSession.FromCheckpoint(checkpoint, device, context.Settings.Training.Precision);
        try
        {
            var tapped = tap ? LayerTap.Attach(session.Model, layer) : null;
            var shape = hopSeconds is { } h
                ? WindowShape.WithHop(info.SampleRate, info.WindowSamples, h)
                : WindowShape.Adjacent(info.SampleRate, info.WindowSamples);
            return new InferenceRun(context, session, tapped, layer, info, checkpoint, shape);
        }
        catch (ArgumentException e)
        {
            session.Dispose();
            throw new UsageException($"usage error: {e.Message}");
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="files"/> through the graph, handing each outcome to <paramref name="onOutcome"/> in the order
    /// files complete. A file that cannot be read is logged (to the log file: the caller tells the user) and counted.
    /// </summary>
    public async Task<InferenceSummary> RunAsync(IReadOnlyList<ClipRef> files, RegroupOptions options, bool drawBar,
        Action<ClipOutcome> onOutcome, CancellationToken cancellation)
    {
        var settings = _context.Settings;
        var shape = new ScoringShape(Shape, settings.Provider.DecodeParallelism, settings.Training.EvaluationBatchSize);
        Log.Information("{Command}: {Files} files with {Checkpoint} (epoch {Epoch}); windows of {Window:F3} s every {Hop:F3} s at {Rate} Hz; " +
                        "{Decoders} decoders, batches of {Batch}{Layer}", _context.Command, files.Count, Checkpoint, Info.Epoch, Shape.WindowSeconds,
            Shape.HopSeconds, Shape.SampleRate, shape.ClipsAtOnce, shape.BatchSize, Layer is null ? "" : $"; embeddings from {Layer}");
        var (tagged, failed, windows) = (0, 0, 0L);
        await using var node = await PipelineNode.StartAsync(_context.Command, _context.Layers.Merged, settings.Cluster, ResultShaping.Of(_context.Layers),
            cancellation);
        // The command prints each failure as a result: the log file keeps its own line, the console does not repeat it.
        var failures = FailurePolicy.ReportOnly(RunLog.FileOnly);
        var outcomes = node.Work is { } work ? OnTheCluster(work, files, shape, options, failures) : Here(node.System, files, shape, options, failures);
        var watch = Stopwatch.StartNew();
        using (var progress = new ProgressDisplay(_context.Command, files.Count, settings.Logging.ProgressInterval, drawBar))
        {
            // Rates count from here, not from the first file done.
            progress.Report(0, files.Count, "");
            await ScoringRun.Run(node.System, outcomes, settings.Provider.StreamBuffer, outcome =>
            {
                if (outcome is ClipScored file)
                {
                    tagged++;
                    windows += file.Windows;
                }
                else
                {
                    failed++;
                }
                onOutcome(outcome);
                var seconds = Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
                progress.Report(tagged + failed, files.Count, $"{windows / seconds:F1} windows/s{(failed > 0 ? $", {failed} failed" : "")}");
            }, cancellation);
        }
        return new InferenceSummary(tagged, failed, windows, watch.Elapsed);
    }

    private Source<ClipOutcome, NotUsed> Here(ActorSystem system, IReadOnlyList<ClipRef> files, ScoringShape shape, RegroupOptions options,
        FailurePolicy failures)
    {
        var settings = _context.Settings;
        var audio = SupervisedDecoders.Start(system, shape.ClipsAtOnce, settings.Provider.DecodeTimeout, settings.Audio with { SampleRate = Shape.SampleRate },
            chunkSamples: shape.BatchSize * Shape.WindowSamples);
        var scorer = system.ActorOf(ScoringActor.Props(_session, _tap), "scorer");
        return ScoringGraph.Score(files, audio, shape, ScoringActor.Flow(scorer), options, failures);
    }

    /// <summary>The workers score the files with this checkpoint's weights, sent with the job.</summary>
    private Source<ClipOutcome, NotUsed> OnTheCluster(ClusterWork work, IReadOnlyList<ClipRef> files, ScoringShape shape, RegroupOptions options,
        FailurePolicy failures)
    {
        using var weights = CheckpointWeights.Load(Checkpoint, Info);
        var job = new ScoringJob(_context.Command, Shape, shape.BatchSize, Info.Model, [.. Info.Tags], weights.ToBytes(), _context.Settings.Training.Precision,
            options, _tap is null ? null : _requestedLayer ?? "");
        return work.Run(job, files).Select(result => ((ScoredResult)result).Outcome).Via(ScoringGraph.Guarded(failures));
    }

    public void Dispose()
    {
        _tap?.Dispose();
        _session.Dispose();
    }
}
