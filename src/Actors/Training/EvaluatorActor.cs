using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Model.Evaluation;
using Pipeline.Model.Training;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Training;

/// <summary>
/// Scores weight snapshots on a split (the validation split while training goes on, or any split for `evaluate`), with a model instance of its own on a
/// thread of its own. A snapshot that arrives while one is being evaluated waits; a newer one replaces it (the stale
/// one is dropped), so nothing queues up. Clip predictions are the average of the clip's windows.
/// </summary>
public sealed class EvaluatorActor : ReceiveActor
{
    private readonly EvaluationJob _job;
    private readonly EvaluationSession _session;
    private readonly IMaterializer _materializer;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private WeightSnapshot? _current;
    private IActorRef? _replyTo;
    private WeightSnapshot? _waiting;
    private IActorRef? _waitingReplyTo;
    private ClipScores? _scores;
    private Stopwatch _watch = new();
    // Process-wide, so a stream id is never reused by the instance that replaces this one after a restart: messages
    // still on their way from the old instance's stream must not be taken for the new one's.
    private static long _streams;
    private long _stream;
    private UniqueKillSwitch? _killSwitch;
    private bool _excludedTagsReported;

    public EvaluatorActor(EvaluationJob job)
    {
        _job = job;
        _session = new EvaluationSession(job.Model, job.Provider.Settings.SegmentSamples, job.Tags, TorchRuntime.ResolveDevice(job.Device), job.Precision);
        _materializer = job.Provider.Materializer(Context.System);

        Receive<EvaluateSnapshot>(OnSnapshot);
        Receive<BatchStreamStarted>(m => m.Stream == _stream, _ => Sender.Tell(BatchAck.Instance));
        // A batch can only come from the stream in progress; one left over from before a restart has nowhere to go.
        Receive<Batch>(_ => _scores is not null, batch =>
        {
            _session.Accumulate(_scores!, batch);
            Sender.Tell(BatchAck.Instance);
        });
        Receive<BatchStreamCompleted>(m => m.Stream == _stream, _ => Complete());
        Receive<BatchStreamFailed>(m => m.Stream == _stream,
            m => throw new InvalidOperationException($"validation data failed: {m.Cause.Message}", m.Cause));
    }

    public static Props Props(EvaluationJob job) =>
        Akka.Actor.Props.Create(() => new EvaluatorActor(job)).WithDispatcher(TrainerActor.TorchDispatcher);

    private void OnSnapshot(EvaluateSnapshot request)
    {
        if (_current is null)
        {
            Start(request.Snapshot, request.ReplyTo);
            return;
        }
        if (_waiting is not null)
        {
            _log.Debug("dropping snapshot {0}: snapshot {1} is newer", _waiting.Version, request.Snapshot.Version);
            _waitingReplyTo!.Tell(new SnapshotDropped(_waiting.Version));
            _waiting.Dispose();
        }
        _waiting = request.Snapshot;
        _waitingReplyTo = request.ReplyTo;
    }

    private void Start(WeightSnapshot snapshot, IActorRef replyTo)
    {
        _current = snapshot;
        _replyTo = replyTo;
        _session.Load(snapshot);
        _scores = new ClipScores(_job.Clips, _job.Tags.Count);
        _watch = Stopwatch.StartNew();
        var stream = _stream = Interlocked.Increment(ref _streams);
        _killSwitch = _job.Provider.EvaluationBatches(_job.Clips, _job.Audio, _job.BatchSize)
            .ViaMaterialized(KillSwitches.Single<Batch>(), Keep.Right)
            .To(DataProvider.ToAcknowledgingActor(Self, new BatchStreamStarted(stream), BatchAck.Instance,
                new BatchStreamCompleted(stream), e => new BatchStreamFailed(stream, e)))
            .Run(_materializer);
    }

    private void Complete()
    {
        // The split's labels never change, so which tags are left out of the averages is worth saying only once.
        var report = _session.Report(_scores!, warnAboutExcludedTags: !_excludedTagsReported);
        _excludedTagsReported = true;
        _replyTo!.Tell(new EvaluationCompleted(_current!, report, _watch.Elapsed));
        _current = null;
        _scores = null;
        if (_waiting is not null)
        {
            var next = _waiting;
            _waiting = null;
            Start(next, _waitingReplyTo!);
        }
    }

    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        Context.Parent.Tell(EvaluatorRestarted.Instance);
    }

    protected override void PostStop()
    {
        _killSwitch?.Shutdown();
        _current?.Dispose();
        _waiting?.Dispose();
        _session.Dispose();
    }
}
