using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Pipeline.Tests.Support;

/// <summary>A Serilog sink that keeps every event, for asserting on what was logged.</summary>
public sealed class CapturingSink : ILogEventSink
{
    // The message as the console and the log file show it (RunLog's templates): strings unquoted.
    private static readonly MessageTemplateTextFormatter AsShown = new("{Message:lj}");

    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

    public IEnumerable<string> Messages => Events.Select(Render);

    public static string Render(LogEvent e)
    {
        var text = new StringWriter();
        AsShown.Format(e, text);
        return text.ToString();
    }
}
