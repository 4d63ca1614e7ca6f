using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;
using Pipeline.Model.Runs;
using Pipeline.Model.Training;
using Pipeline.Streams.Provider;

namespace Pipeline.Actors.Training;

/// <summary>
/// Trains on its own dedicated thread (libtorch calls block). Each epoch is a provider stream into this actor: a
/// batch is acknowledged only after its optimiser step, so the provider never runs ahead of training. Every N steps
/// and at each epoch end a weight snapshot goes to the evaluator; its results drive the learning-rate schedule, the
/// best checkpoint, metrics.csv, the plots and the early stop. Failures are reported to the parent, which ends the run.
/// </summary>
public sealed class TrainerActor : ReceiveActor
{
    public const string TorchDispatcher = "akka.actor.torch-dispatcher";

    private readonly TrainingJob _job;
    private readonly ITrainingData _trainingData;
    private readonly IActorRef _evaluator;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<long> _evaluating = [];
    private readonly Stopwatch _runClock = Stopwatch.StartNew();
    private TrainingSession _session = null!;
    private MetricsLog _metrics = null!;
    private IMaterializer _materializer = null!;
    private UniqueKillSwitch? _epochStream;
    private long _stream;
    private long _snapshotVersion;
    private string? _stopReason;
    private bool _finishing;
    private bool _resentFinalSnapshot;

    private readonly Stopwatch _sinceAck = new();
    private TimeSpan _stepTime;
    private TimeSpan _dataWait;
    private TimeSpan _epochStartWait;
    private bool _epochStarted;
    private long _segments;
    private double _lossSinceEvaluation;
    private int _batchesSinceEvaluation;
    private double _lossSinceLog;
    private int _batchesSinceLog;
    private long _segmentsSinceLog;
    private readonly Stopwatch _sinceLog = new();
    private double? _bestLoss;
    private double? _bestRocAuc;
    private double? _bestPrAuc;
    private int _evaluations;
    private int _evaluatorRestarts;

    public TrainerActor(TrainingJob job, IActorRef evaluator)
    {
        _job = job;
        _trainingData = job.TrainingData;
        _evaluator = evaluator;
        Receive<BatchStreamStarted>(m => m.Stream == _stream, _ => Guarded(() => Acknowledge(Sender)));
        Receive<Batch>(batch => Guarded(() => OnBatch(batch, Sender)));
        Receive<BatchStreamCompleted>(m => m.Stream == _stream, _ => Guarded(OnEpochDataEnd));
        Receive<BatchStreamFailed>(m => m.Stream == _stream, m => Guarded(() => throw new InvalidOperationException($"training data failed: {m.Cause.Message}", m.Cause)));
        Receive<EvaluationCompleted>(m => Guarded(() => OnEvaluation(m)));
        Receive<SnapshotDropped>(m => Guarded(() =>
        {
            _evaluating.Remove(m.Version);
            if (_finishing)
                CompleteIfDone();
        }));
        Receive<EvaluatorRestarted>(_ => Guarded(OnEvaluatorRestarted));
        Receive<StopTraining>(m => Guarded(() => RequestStop(m.Reason)));
    }

    public static Props Props(TrainingJob job, IActorRef evaluator) =>
        Akka.Actor.Props.Create(() => new TrainerActor(job, evaluator)).WithDispatcher(TorchDispatcher);

    protected override void PreStart() => Guarded(() =>
    {
        _sinceLog.Start();
        var device = TorchRuntime.ResolveDevice(_job.Training.Device);
        _session = new TrainingSession(_job.Model, _job.Training, _job.Provider.Settings.SegmentSamples, _job.Tags, device);
        _materializer = _job.Provider.Materializer(Context.System);
        _metrics = MetricsLog.Open(_job.Run.MetricsCsv);
        if (_job.Resume)
        {
            var info = _session.Resume(_job.Run.LastCheckpoint);
            _log.Info("resumed from {0}: epoch {1}, step {2} ({3} steps into the epoch), learning rate {4}",
                _job.Run.LastCheckpoint, info.Epoch, info.Step, info.StepInEpoch, _session.LearningRate);
            var best = _metrics.Rows.Where(r => r.ValidLoss > 0).MinBy(r => r.ValidLoss);
            (_bestLoss, _bestRocAuc, _bestPrAuc) = (best?.ValidLoss, best?.ValidRocAuc, best?.ValidPrAuc);
        }
        _log.Info("training {0} on {1} train / {2} validation clips, {3} tags, batch {4}",
            _job.Model.Architecture, _job.TrainClips.Count, _job.ValidClips.Count, _job.Tags.Count, _job.Training.BatchSize);
        StartEpoch();
    });

    private void StartEpoch()
    {
        if (_stopReason is not null || _session.Epoch >= _job.Training.Epochs)
        {
            Finish(_stopReason ?? $"completed {_job.Training.Epochs} epochs");
            return;
        }
        var stream = ++_stream;
        _epochStarted = false;
        _epochStream = _trainingData.Epoch(_session.Epoch)
            .Skip(_session.StepInEpoch) // a run resumed mid-epoch continues where its checkpoint left off
            .ViaMaterialized(KillSwitches.Single<Batch>(), Keep.Right)
            .To(DataProvider.ToAcknowledgingActor(Self, new BatchStreamStarted(stream), BatchAck.Instance,
                new BatchStreamCompleted(stream), e => new BatchStreamFailed(stream, e)))
            .Run(_materializer);
    }

    private void Acknowledge(IActorRef stream)
    {
        _sinceAck.Restart();
        stream.Tell(BatchAck.Instance);
    }

    private void OnBatch(Batch batch, IActorRef stream)
    {
        if (_stopReason is not null)
        {
            // A batch pulled before the stream was cut: the sink completes only once it is acknowledged.
            stream.Tell(BatchAck.Instance);
            return;
        }
        _dataWait += _sinceAck.Elapsed;
        if (!_epochStarted)
        {
            _epochStartWait += _sinceAck.Elapsed;
            _epochStarted = true;
        }
        var started = Stopwatch.GetTimestamp();
        var loss = _session.TrainStep(batch);
        _stepTime += Stopwatch.GetElapsedTime(started);
        if (!float.IsFinite(loss))
            throw new InvalidOperationException($"the training loss became {loss} at step {_session.Step}; lower the learning rate");

        _segments += batch.Count;
        _segmentsSinceLog += batch.Count;
        _lossSinceEvaluation += loss;
        _batchesSinceEvaluation++;
        _lossSinceLog += loss;
        _batchesSinceLog++;

        var step = _session.Step;
        if (step % _job.Training.LogEverySteps == 0)
            LogProgress();
        if (_job.Training.SnapshotEverySteps > 0 && step % _job.Training.SnapshotEverySteps == 0)
            PublishSnapshot();
        if (_job.Training.CheckpointEverySteps > 0 && step % _job.Training.CheckpointEverySteps == 0)
            SaveLast();

        Acknowledge(stream);
    }

    private void LogProgress()
    {
        var seconds = Math.Max(1e-9, _sinceLog.Elapsed.TotalSeconds);
        _log.Info("epoch {0} step {1}: loss {2:F4}, {3:F1} segments/s, lr {4:G3}, data wait {5:P1}",
            _session.Epoch + 1, _session.Step, _lossSinceLog / Math.Max(1, _batchesSinceLog), _segmentsSinceLog / seconds,
            _session.LearningRate, _dataWait.TotalSeconds / Math.Max(1e-9, (_dataWait + _stepTime).TotalSeconds));
        _lossSinceLog = 0;
        _batchesSinceLog = 0;
        _segmentsSinceLog = 0;
        _sinceLog.Restart();
    }

    private void OnEpochDataEnd()
    {
        _epochStream = null;
        if (_stopReason is not null)
        {
            SaveLast();
            Finish(_stopReason);
            return;
        }
        _session.CompleteEpoch();
        _log.Info("epoch {0} done at step {1}", _session.Epoch, _session.Step);
        PublishSnapshot();
        SaveLast();
        StartEpoch();
    }

    private void PublishSnapshot()
    {
        var snapshot = _session.Snapshot(++_snapshotVersion);
        _evaluating.Add(snapshot.Version);
        _evaluator.Tell(new EvaluateSnapshot(snapshot, Self));
    }

    private void SaveLast() => _session.SaveLast(_job.Run.LastCheckpoint, _job.ConfigHash, _job.SampleRate);

    private void OnEvaluation(EvaluationCompleted result)
    {
        using var snapshot = result.Snapshot;
        _evaluating.Remove(snapshot.Version);
        _evaluations++;
        var report = result.Report;
        var trainLoss = _batchesSinceEvaluation > 0 ? _lossSinceEvaluation / _batchesSinceEvaluation : double.NaN;
        _lossSinceEvaluation = 0;
        _batchesSinceEvaluation = 0;
        _metrics.Append(new MetricsRow(snapshot.Epoch, snapshot.Step, _session.LearningRate, trainLoss, report.Loss,
            report.RocAucMacro, report.PrAucMacro, _runClock.Elapsed.TotalSeconds));
        new PerTagMetricsLog(_job.Run.PerTagMetricsCsv).Append(snapshot.Epoch, snapshot.Step, report);
        CurvePlots.Draw(_metrics.Rows, _job.Run.LossPlot, _job.Run.AucPlot);
        _log.Info("evaluation of step {0} (epoch {1}): valid loss {2:F4}, ROC-AUC {3:F4}, PR-AUC {4:F4} ({5:F1} s)",
            snapshot.Step, snapshot.Epoch, report.Loss, report.RocAucMacro ?? double.NaN, report.PrAucMacro ?? double.NaN,
            result.Duration.TotalSeconds);

        var decision = _session.ObserveValidationLoss(report.Loss);
        if (decision.Improved)
        {
            (_bestLoss, _bestRocAuc, _bestPrAuc) = (report.Loss, report.RocAucMacro, report.PrAucMacro);
            _session.SaveBest(_job.Run.BestCheckpoint, snapshot, report.Loss, _job.ConfigHash, _job.SampleRate);
        }
        if (decision.LearningRateReduced)
            _log.Info("validation loss stopped improving: learning rate now {0:G3}", _session.LearningRate);
        if (decision.Stop)
            RequestStop($"early stop: no improvement after {_session.Schedule.State.Reductions} learning-rate reductions");

        if (_finishing)
            CompleteIfDone();
    }

    private void OnEvaluatorRestarted()
    {
        _evaluatorRestarts++;
        _log.Warning("the evaluator was restarted; {0} evaluation(s) in progress were lost", _evaluating.Count);
        _evaluating.Clear();
        if (_finishing && !_resentFinalSnapshot)
        {
            _resentFinalSnapshot = true;
            PublishSnapshot();
        }
        else if (_finishing)
        {
            CompleteIfDone();
        }
    }

    private void RequestStop(string reason)
    {
        if (_stopReason is not null)
            return;
        _stopReason = reason;
        _log.Info("stopping: {0}", reason);
        // Cut the epoch's data now rather than read (and decode) the rest of it; its completion then ends the run.
        _epochStream?.Shutdown();
        if (_epochStream is null && !_finishing)
            Finish(reason);
    }

    private void Finish(string reason)
    {
        _stopReason ??= reason;
        _finishing = true;
        CompleteIfDone();
    }

    private void CompleteIfDone()
    {
        if (_evaluating.Count > 0)
            return;
        Context.Parent.Tell(new TrainingFinished(new TrainingOutcome(_session.Epoch, _session.Step, _stopReason!, _bestLoss,
            _bestRocAuc, _bestPrAuc, _segments, _stepTime, _dataWait, _epochStartWait, _evaluations, _evaluatorRestarts)));
        _finishing = false;
    }

    /// <summary>Training state cannot survive a restart, so a failure ends the run instead of restarting the trainer.</summary>
    private void Guarded(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            _log.Error(e, "training failed: {0}", e.Message);
            _epochStream?.Abort(e);
            Context.Parent.Tell(new TrainingFailed(e));
            Context.Stop(Self);
        }
    }

    protected override void PostStop()
    {
        _epochStream?.Shutdown();
        _session?.Dispose();
    }
}
