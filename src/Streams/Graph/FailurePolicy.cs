using Serilog;

namespace Pipeline.Streams.Graph;

/// <summary>
/// When decoding failures stop a stream, and where each failure is reported (<see cref="Stages.FailureGuardStage"/>).
/// A job that needs the clips it was given (training, evaluation, extraction) stops when the decoder library is
/// missing, when more than <see cref="MaxFraction"/> of the last <see cref="Window"/> clips failed, or when nothing at
/// all could be decoded; tagging goes on past any bad file (<see cref="ReportOnly"/>) and prints each as a result.
/// </summary>
public sealed record FailurePolicy(int Window, double MaxFraction)
{
    public int Window { get; } = Window >= 1 ? Window : throw new ArgumentOutOfRangeException(nameof(Window), Window, "must be at least 1");

    /// <summary>Clips decoded outside this stream (a resumed extraction's cached clips), weighed against failures.</summary>
    public long EarlierSuccesses { get; init; }

    /// <summary>Whether systematic failures stop the stream at all.</summary>
    public bool StopsOnSystematicFailures { get; init; } = true;

    /// <summary>Where failures are logged; null: Akka's log, which goes to the console and the log file.</summary>
    public ILogger? Log { get; init; }

    /// <summary>Failures pass on and nothing stops the stream: a cluster worker's, whose coordinator reports them.</summary>
    public static FailurePolicy Silent { get; } = new(1, 1.0) { StopsOnSystematicFailures = false, Log = Serilog.Core.Logger.None };

    /// <summary>Every failure is logged to <paramref name="log"/> and nothing stops the stream.</summary>
    public static FailurePolicy ReportOnly(ILogger log) => new(1, 1.0) { StopsOnSystematicFailures = false, Log = log };
}
