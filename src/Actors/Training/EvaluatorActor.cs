using System.Diagnostics;
using Akka.Actor;
using Akka.Streams;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Training;
using Pipeline.Shared;

namespace Pipeline.Actors.Training;

/// <summary>
/// Scores weight snapshots on a split (the validation split while training goes on, or any split for `evaluate`),
/// with a model instance of its own on a thread of its own. One snapshot is evaluated at a time and only the newest
/// waits (<see cref="NewestSnapshotQueue{T}"/>): a stale one is dropped and its sender told. A clip's prediction is the
/// mean of its windows; a clip without any window (its file failed to decode) is left out of the metrics.
/// </summary>
public sealed class EvaluatorActor : ReceiveActor
{
    private readonly EvaluationJob _job;
    private readonly EvaluationSession _session;
    private readonly IMaterializer _materializer;
    private readonly NewestSnapshotQueue<EvaluateSnapshot> _queue = new();
    private (long Id, UniqueKillSwitch Switch)? _stream;
    private ClipScores? _scores;
    private Stopwatch _watch = new();
    private bool _excludedTagsReported;

    public EvaluatorActor(EvaluationJob job)
    {
        _job = job;
        _session = new EvaluationSession(job.Model, job.Provider.Settings.SegmentSamples, job.Tags, TorchRuntime.ResolveDevice(job.Device), job.Precision);
        _materializer = job.Provider.Materializer(Context.System);
        Receive<EvaluateSnapshot>(Offer);
        Receive<BatchStreamStarted>(m => m.Stream == _stream?.Id, _ => Sender.Tell(BatchAck.Instance));
        Receive<Batch>(_ => _scores is not null, batch =>
        {
            _session.Accumulate(_scores!, batch);
            Sender.Tell(BatchAck.Instance);
        });
        Receive<BatchStreamCompleted>(m => m.Stream == _stream?.Id, _ => Complete());
        Receive<BatchStreamFailed>(m => m.Stream == _stream?.Id,
            m => throw new InvalidOperationException($"validation data failed: {m.Cause.Message}", m.Cause));
    }

    public static Props Props(EvaluationJob job) =>
        Akka.Actor.Props.Create(() => new EvaluatorActor(job)).WithDispatcher(TrainerActor.TorchDispatcher);

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
        _session.Load(request.Snapshot);
        _scores = new ClipScores(_job.Clips.Count, _job.Tags.Count);
        _watch = Stopwatch.StartNew();
        _stream = BatchStream.Run(_job.Provider.EvaluationBatches(_job.Clips, _job.Audio, _job.BatchSize), Self, _materializer);
    }

    private void Complete()
    {
        // The split's labels never change, so which tags are left out of the averages is worth saying only once.
        var report = _session.Report(_scores!, warnAboutLeftOut: !_excludedTagsReported);
        _excludedTagsReported = true;
        var done = _queue.Current!;
        done.ReplyTo.Tell(new EvaluationCompleted(done.Snapshot, report, _watch.Elapsed));
        _scores = null;
        _stream = null;
        if (_queue.CompleteCurrent() is { } next)
            Start(next);
    }

    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        Context.Parent.Tell(EvaluatorRestarted.Instance);
    }

    protected override void PostStop()
    {
        _stream?.Switch.Shutdown();
        foreach (var request in _queue.All)
            request.Snapshot.Dispose();
        _session.Dispose();
    }
}
