using System.Diagnostics;

namespace Pipeline.Actors.Training;

/// <summary>
/// The trainer's clock: time in optimiser steps against time waiting for the next batch (the data provider's
/// shortfall), the wait at each epoch's start (the shuffle buffer filling) apart, and the mean training loss of the
/// steps since the last progress line and since the last evaluation.
/// </summary>
public sealed class ThroughputMeter
{
    private readonly Stopwatch _sinceAcknowledged = new();
    private readonly Stopwatch _sinceLog = Stopwatch.StartNew();
    private bool _epochStarted;
    private (double Loss, int Batches) _sinceEvaluation;
    private (double Loss, int Batches, long Windows) _sinceLogLine;

    public long Windows { get; private set; }
    public TimeSpan StepTime { get; private set; }
    public TimeSpan DataWait { get; private set; }
    public TimeSpan EpochStartWait { get; private set; }

    public void EpochStarts() => _epochStarted = false;

    /// <summary>A batch was acknowledged: from now on the trainer waits for the next one.</summary>
    public void Waiting() => _sinceAcknowledged.Restart();

    /// <summary>A batch arrived: the wait since the last acknowledgement ends.</summary>
    public void BatchArrived()
    {
        var waited = _sinceAcknowledged.Elapsed;
        DataWait += waited;
        if (!_epochStarted)
        {
            EpochStartWait += waited;
            _epochStarted = true;
        }
    }

    public void Stepped(int windows, float loss, TimeSpan took)
    {
        StepTime += took;
        Windows += windows;
        _sinceEvaluation = (_sinceEvaluation.Loss + loss, _sinceEvaluation.Batches + 1);
        _sinceLogLine = (_sinceLogLine.Loss + loss, _sinceLogLine.Batches + 1, _sinceLogLine.Windows + windows);
    }

    /// <summary>Mean loss and windows/s since the last call, and the share of all time so far spent waiting for data.</summary>
    public (double Loss, double WindowsPerSecond, double DataWaitShare) TakeProgress()
    {
        var seconds = Math.Max(1e-9, _sinceLog.Elapsed.TotalSeconds);
        var progress = (_sinceLogLine.Loss / Math.Max(1, _sinceLogLine.Batches), _sinceLogLine.Windows / seconds,
            DataWait.TotalSeconds / Math.Max(1e-9, (DataWait + StepTime).TotalSeconds));
        _sinceLogLine = default;
        _sinceLog.Restart();
        return progress;
    }

    /// <summary>The mean training loss since the last evaluation (NaN when no step was taken in between).</summary>
    public double TakeLossSinceEvaluation()
    {
        var loss = _sinceEvaluation.Batches > 0 ? _sinceEvaluation.Loss / _sinceEvaluation.Batches : double.NaN;
        _sinceEvaluation = default;
        return loss;
    }
}
