using System.Diagnostics;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Actors.Scoring;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Training;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Scoring;

namespace Pipeline.Actors.Training;

/// <summary>
/// Scores weight snapshots on a split (the validation split while training goes on, or any split for `evaluate`)
/// through the scoring graph `tag` runs, with a model instance of its own (its <see cref="ScoringActor"/> child, on a
/// thread of its own), or on the cluster's workers (<see cref="EvaluationJob.Scoring"/>). One snapshot is evaluated at a time and only the newest waits
/// (<see cref="NewestSnapshotQueue{T}"/>): a stale one is dropped and its sender told. A clip's prediction is the mean
/// of its windows; a clip without any window (its file failed to decode) is left out of the metrics.
/// </summary>
public sealed class EvaluatorActor : ReceiveActor
{
    private sealed record Scored(long Version, ClipScores Scores);
    private sealed record ScoringFailed(long Version, Exception Cause);

    private readonly EvaluationJob _job;
    private readonly IClipScoring _scoring;
    private readonly IMaterializer _materializer;
    private readonly NewestSnapshotQueue<EvaluateSnapshot> _queue = new();
    private UniqueKillSwitch? _stream;
    private Stopwatch _watch = new();
    private bool _excludedTagsReported;

    public EvaluatorActor(EvaluationJob job)
    {
        _job = job;
        _scoring = job.Scoring ?? new LocalScoring(Context.ActorOf(ScoringActor.Props(() =>
                new EvaluationSession(job.Model, job.Provider.WindowSamples, job.Tags, TorchRuntime.ResolveDevice(job.Device), job.Precision)), "scorer"),
            job.Audio, job.Shape, job.Provider.Failures);
        _materializer = StreamMaterializer.Create(Context, job.Provider.StreamBuffer);
        Receive<EvaluateSnapshot>(Offer);
        Receive<Scored>(scored => scored.Version == _queue.Current?.Snapshot.Version, Complete);
        Receive<ScoringFailed>(failed => failed.Version == _queue.Current?.Snapshot.Version,
            failed => throw new InvalidOperationException($"validation data failed: {failed.Cause.Message}", failed.Cause));
    }

    public static Props Props(EvaluationJob job) => Akka.Actor.Props.Create(() => new EvaluatorActor(job));

    private void Offer(EvaluateSnapshot request)
    {
        var (startsNow, replaced) = _queue.Offer(request);
        if (replaced is not null)
        {
            replaced.ReplyTo.Tell(new SnapshotDropped(replaced.Snapshot.Version));
            replaced.Snapshot.Dispose();
        }
        if (startsNow)
            Start(request);
    }

    private void Start(EvaluateSnapshot request)
    {
        _watch = Stopwatch.StartNew();
        var version = request.Snapshot.Version;
        var (killSwitch, scores) = _scoring.Score(_job.Clips, request.Snapshot)
            .ViaMaterialized(KillSwitches.Single<ClipOutcome>(), Keep.Right)
            .ToMaterialized(Sink.Aggregate<ClipOutcome, ClipScores>(new ClipScores(_job.Clips.Count, _job.Tags.Count), Add), Keep.Both)
            .Run(_materializer);
        _stream = killSwitch;
        scores.ContinueWith(task => task.IsCompletedSuccessfully ? (object)new Scored(version, task.Result) : new ScoringFailed(version, task.Exception!.GetBaseException()))
            .PipeTo(Self);
    }

    private static ClipScores Add(ClipScores scores, ClipOutcome outcome)
    {
        if (outcome is ClipScored scored)
            scores.Add(scored.Clip.Index, scored.Scores, scored.Clip.Labels.AsSpan(), scored.Windows);
        return scores;
    }

    private void Complete(Scored scored)
    {
        // The split's labels never change, so which tags are left out of the averages is worth saying only once.
        var report = scored.Scores.Report(_job.Tags, warnAboutLeftOut: !_excludedTagsReported);
        _excludedTagsReported = true;
        var done = _queue.Current!;
        done.ReplyTo.Tell(new EvaluationCompleted(done.Snapshot, report, _watch.Elapsed) { Predictions = [.. scored.Scores.Predictions()] });
        _stream = null;
        if (_queue.CompleteCurrent() is { } next)
            Start(next);
    }

    /// <summary>A scorer that fails fails its evaluation: the evaluator is restarted by its parent, which knows what was lost.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        Context.Parent.Tell(EvaluatorRestarted.Instance);
    }

    protected override void PostStop()
    {
        _stream?.Shutdown();
        foreach (var request in _queue.All)
            request.Snapshot.Dispose();
    }
}
