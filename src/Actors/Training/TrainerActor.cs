using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Model.Runs;
using Pipeline.Actors.Plumbing;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Shared;
using Pipeline.Streams.Graph;

namespace Pipeline.Actors.Training;

/// <summary>
/// Trains on its own dedicated thread (libtorch calls block). Each epoch is a batch stream into this actor, a batch
/// acknowledged only after its step. Snapshots go to the evaluator every N steps and at each epoch end; results drive
/// the schedule, the run's files and the early stop (<see cref="EvaluationEffects"/>), and the next epoch may wait
/// for them (<see cref="ScheduleSettings.AwaitEpochEvaluation"/>). Its life: training, then (on a stop) cutting the
/// epoch's data, then finishing (waiting for the evaluations still out). A failure goes to the parent: the run ends.
/// </summary>
public sealed class TrainerActor : ReceiveActor
{
    private readonly TrainingJob _job;
    private readonly IActorRef _evaluator;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ThroughputMeter _meter = new();
    private readonly HashSet<long> _evaluating = [];
    private TrainingSession _session = null!;
    private EvaluationEffects _effects = null!;
    private IMaterializer _materializer = null!;
    private (long Id, UniqueKillSwitch Switch)? _epoch;
    private long? _awaitedSnapshot;
    private long _snapshotVersion;
    private int _evaluations;
    private int _evaluatorRestarts;
    private bool _resentLastWeights;

    public TrainerActor(TrainingJob job, IActorRef evaluator)
    {
        _job = job;
        _evaluator = evaluator;
        Become(Training);
    }

    public static Props Props(TrainingJob job, IActorRef evaluator) =>
        Akka.Actor.Props.Create(() => new TrainerActor(job, evaluator)).WithDispatcher(Dispatchers.Torch);

    protected override void PreStart()
    {
        var device = TorchRuntime.ResolveDevice(_job.Training.Device);
        _session = new TrainingSession(_job.Model, _job.Training, _job.Provider.WindowSamples, _job.Tags, device, _job.TrainingData.Clips.Count,
            tracksWindows: _job.TrainingData.ResumesByWindows);
        _materializer = StreamMaterializer.Create(Context, _job.Provider.StreamBuffer);
        _effects = new EvaluationEffects(_session, new RunRecorder(_job.Run), _job, _log);
        if (_job.Resume)
        {
            var info = _session.Resume(_job.Run.LastCheckpoint);
            _log.Info("resumed from {0}: epoch {1}, step {2} ({3} steps into the epoch), learning rate {4}",
                _job.Run.LastCheckpoint, info.Epoch, info.Step, info.StepInEpoch, _session.LearningRate);
        }
        _log.Info("training {0} on {1} train / {2} validation clips, {3} tags, batch {4}",
            _job.Model.Architecture, _job.TrainingData.Clips.Count, _job.ValidClips.Count, _job.Tags.Count, _job.Training.BatchSize);
        StartEpochOrFinish();
    }

    private void Training()
    {
        ReceiveCommon();
        Receive<BatchStreamStarted>(m => m.Stream == _epoch?.Id, _ => Acknowledge(Sender));
        Receive<Batch>(batch => Step(batch, Sender));
        Receive<BatchStreamCompleted>(m => m.Stream == _epoch?.Id, _ => EpochDone());
        Receive<BatchStreamFailed>(m => m.Stream == _epoch?.Id, m => throw new InvalidOperationException($"training data failed: {m.Cause.Message}", m.Cause));
        Receive<StopTraining>(m => Stop(m.Reason));
    }

    /// <summary>A stop cut the epoch's data: batches still on their way are taken back unused until the stream ends.</summary>
    private void Stopping(string reason)
    {
        ReceiveCommon();
        Receive<BatchStreamStarted>(_ => Sender.Tell(BatchAck.Instance));
        Receive<Batch>(_ => Sender.Tell(BatchAck.Instance));
        Receive<BatchStreamCompleted>(m => m.Stream == _epoch?.Id, _ => Finish(reason, saveLast: true));
        Receive<BatchStreamFailed>(m => m.Stream == _epoch?.Id, _ => Finish(reason, saveLast: true));
        Receive<StopTraining>(_ => { });
    }

    /// <summary>No more steps: waiting for the evaluations still out, then the run is over.</summary>
    private void Finishing(string reason)
    {
        ReceiveCommon(() => CompleteIfDone(reason));
        Receive<StopTraining>(_ => { });
        CompleteIfDone(reason);
    }

    private void ReceiveCommon(Action? afterEvaluation = null)
    {
        Receive<EvaluationCompleted>(m => { Evaluated(m); afterEvaluation?.Invoke(); });
        Receive<SnapshotDropped>(m =>
        {
            _evaluating.Remove(m.Version);
            ContinueIfAwaited(m.Version);
            afterEvaluation?.Invoke();
        });
        Receive<EvaluatorRestarted>(_ =>
        {
            _evaluatorRestarts++;
            _log.Warning("the evaluator was restarted; {0} evaluation(s) in progress were lost", _evaluating.Count);
            var lost = _evaluating.Count > 0;
            _evaluating.Clear();
            if (_awaitedSnapshot is { } awaited)
                ContinueIfAwaited(awaited); // that evaluation is lost: training goes on, as when evaluation overlaps it
            // A run that is finishing still owes an evaluation of its last weights (once: an evaluator that keeps
            // crashing must not keep the run from ending).
            if (afterEvaluation is not null && lost && !_resentLastWeights)
            {
                _resentLastWeights = true;
                PublishSnapshot();
            }
            afterEvaluation?.Invoke();
        });
    }

    private void StartEpochOrFinish()
    {
        if (_session.Epoch >= _job.Training.Epochs)
        {
            Finish($"completed {_job.Training.Epochs} epochs", saveLast: false);
            return;
        }
        _meter.EpochStarts();
        // A run resumed in the middle of an epoch continues where its checkpoint left off.
        _epoch = BatchStream.Run(_job.TrainingData.Epoch(_session.Epoch, new EpochStart(_session.StepInEpoch, new HashSet<long>(_session.WindowsTrainedInEpoch))), Self, _materializer);
    }

    private void Acknowledge(IActorRef stream)
    {
        _meter.Waiting();
        stream.Tell(BatchAck.Instance);
    }

    private void Step(Batch batch, IActorRef stream)
    {
        _meter.BatchArrived();
        var started = Stopwatch.GetTimestamp();
        var loss = _session.TrainStep(batch);
        _meter.Stepped(batch.Count, loss, Stopwatch.GetElapsedTime(started));
        if (!float.IsFinite(loss))
            throw new InvalidOperationException($"the training loss became {loss} at step {_session.Step}; lower the learning rate");

        var step = _session.Step;
        var training = _job.Training;
        if (step % training.LogEverySteps == 0)
        {
            var (meanLoss, perSecond, waitShare) = _meter.TakeProgress();
            _log.Info("epoch {0} step {1}: loss {2:F4}, {3:F1} windows/s, lr {4:G3}, data wait {5:P1}",
                _session.Epoch + 1, step, meanLoss, perSecond, _session.LearningRate, waitShare);
        }
        if (training.SnapshotEverySteps > 0 && step % training.SnapshotEverySteps == 0)
            PublishSnapshot();
        if (training.CheckpointEverySteps > 0 && step % training.CheckpointEverySteps == 0)
            SaveLast();
        Acknowledge(stream);
        if (_session.Run.BudgetUsedUp() is { } reason)
            Self.Tell(new StopTraining(reason));
    }

    private void EpochDone()
    {
        _session.CompleteEpoch();
        _log.Info("epoch {0} done at step {1}", _session.Epoch, _session.Step);
        _awaitedSnapshot = PublishSnapshot();
        SaveLast();
        if (!_job.Training.Schedule.AwaitEpochEvaluation)
            ContinueIfAwaited(_awaitedSnapshot.Value);
    }

    /// <summary>The evaluation the next epoch waited for is in (or was dropped): the epoch starts.</summary>
    private void ContinueIfAwaited(long version)
    {
        if (_awaitedSnapshot != version)
            return;
        _awaitedSnapshot = null;
        StartEpochOrFinish();
    }

    private long PublishSnapshot()
    {
        var snapshot = _session.Snapshot(++_snapshotVersion);
        _evaluating.Add(snapshot.Version);
        _evaluator.Tell(new EvaluateSnapshot(snapshot, Self));
        return snapshot.Version;
    }

    private void SaveLast() => _session.SaveLast(_job.Run.LastCheckpoint, _job.ConfigHash, _job.SampleRate);

    private void Evaluated(EvaluationCompleted result)
    {
        using var snapshot = result.Snapshot;
        _evaluating.Remove(snapshot.Version);
        _evaluations++;
        var decision = _effects.Apply(snapshot, result.Report, _meter.TakeLossSinceEvaluation(), _session.Run.Elapsed, result.Duration);
        if (decision.Stop)
            Self.Tell(new StopTraining($"early stop: no improvement after {_session.Schedule.State.Reductions} learning-rate reductions"));
        else
            ContinueIfAwaited(snapshot.Version);
    }

    private void Stop(string reason)
    {
        _log.Info("stopping: {0}", reason);
        if (_awaitedSnapshot is not null)
        {
            _awaitedSnapshot = null; // between epochs: no data to cut
            Finish(reason, saveLast: true);
            return;
        }
        // Cut the epoch's data now rather than read (and decode) the rest of it; its completion then ends the run.
        _epoch?.Switch.Shutdown();
        Become(() => Stopping(reason));
    }

    private void Finish(string reason, bool saveLast)
    {
        if (saveLast)
            SaveLast();
        _epoch = null;
        Become(() => Finishing(reason));
    }

    private void CompleteIfDone(string reason)
    {
        if (_evaluating.Count > 0)
            return;
        var best = _effects.Best;
        Context.Parent.Tell(new TrainingFinished(new TrainingOutcome(_session.Epoch, _session.Step, reason, best.Loss, best.RocAuc,
            best.PrAuc, _meter.Windows, _meter.StepTime, _meter.DataWait, _meter.EpochStartWait, _evaluations, _evaluatorRestarts)));
        Become(() => ReceiveAny(_ => { }));
    }

    protected override void PostStop()
    {
        _epoch?.Switch.Shutdown();
        _session?.Dispose();
    }
}
