using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Pipeline.Tests.Support;

/// <summary>A Serilog sink that keeps every event, for asserting on what was logged.</summary>
public sealed class CapturingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

    public IEnumerable<string> Messages => Events.Select(e => e.RenderMessage());
}
