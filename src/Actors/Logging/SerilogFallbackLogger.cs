using Akka.Event;
using Serilog.Events;
using AkkaLogEvent = Akka.Event.LogEvent;

namespace Pipeline.Actors.Logging;

/// <summary>
/// Akka's fallback logger (<c>akka.stdout-logger-class</c>): it takes the events logged before Akka.Logger.Serilog's
/// logger actor starts, and when the actor system stops it receives whatever is still queued for that actor, at every
/// level. Akka's default prints those to stdout, which must carry results only (<c>provider --json</c> is parsed by
/// scripts). Akka.Logger.Serilog has no fallback logger of its own (its logger is an actor, and reads the actor
/// context), so this one sends those events through Serilog with the same properties that actor gives them.
/// </summary>
public sealed class SerilogFallbackLogger : MinimalLogger
{
    protected override void Log(object message)
    {
        if (message is not AkkaLogEvent e)
            return;
        var logger = Serilog.Log.Logger
            .ForContext("SourceContext", e.LogClass?.FullName ?? e.LogSource)
            .ForContext("LogSource", e.LogSource);
        // The template and its arguments, as the logger actor hands them over, so both paths log the same properties.
        if (e.Message is LogMessage m)
            logger.Write(LevelOf(e), e.Cause, m.Format, m.Parameters().ToArray());
        else
            logger.Write(LevelOf(e), e.Cause, "{AkkaMessage:l}", e.Message?.ToString() ?? "");
    }

    private static LogEventLevel LevelOf(AkkaLogEvent e) => e.LogLevel() switch
    {
        LogLevel.DebugLevel => LogEventLevel.Debug,
        LogLevel.InfoLevel => LogEventLevel.Information,
        LogLevel.WarningLevel => LogEventLevel.Warning,
        _ => LogEventLevel.Error,
    };
}
