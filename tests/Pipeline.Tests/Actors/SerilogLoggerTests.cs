using Akka.Actor;
using Akka.Event;
using Pipeline.Actors.Logging;
using Pipeline.Host.Configuration;
using Pipeline.Tests.Support;
using Serilog;
using Serilog.Events;
using LogEvent = Serilog.Events.LogEvent;

namespace Pipeline.Tests.Actors;

[Collection(GlobalLoggerCollection.Name)]
public sealed class SerilogLoggerTests
{
    [Fact]
    public async Task Akka_log_events_reach_serilog_with_their_level_source_and_named_properties()
    {
        var sink = new CapturingSink();
        Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        var system = ActorSystem.Create("logging-test", ConfigLayers.Load(null, []).Merged);
        try
        {
            system.Log.Warning("disk {0} is nearly full", "/data");
            system.Log.Info("clip {Clip} skipped after {Attempts} attempts", "a/b.mp3", 3);

            // Tests outside this collection may log through the global logger at the same time; only ours count.
            List<LogEvent> Ours() => sink.Events.Where(e => e.Properties.TryGetValue("LogSource", out var source)
                                                            && source.ToString() == "\"ActorSystem(logging-test)\"").ToList();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && Ours().Count < 2)
                await Task.Delay(20);

            var warning = Assert.Single(Ours(), e => e.Level == LogEventLevel.Warning);
            Assert.Equal("disk /data is nearly full", Render(warning));
            Assert.Equal("\"Akka.Actor.Internal.ActorSystemImpl\"", warning.Properties["SourceContext"].ToString());
            // Named holes of a plain ILoggingAdapter call arrive as typed Serilog properties: no special adapter needed.
            var info = Assert.Single(Ours(), e => e.Level == LogEventLevel.Information);
            Assert.Equal("clip a/b.mp3 skipped after 3 attempts", Render(info));
            Assert.Equal("a/b.mp3", Assert.IsType<ScalarValue>(info.Properties["Clip"]).Value);
            Assert.Equal(3, Assert.IsType<ScalarValue>(info.Properties["Attempts"]).Value);
        }
        finally
        {
            await system.Terminate();
            Log.CloseAndFlush();
        }
    }

    [Fact]
    public async Task Events_akka_logs_around_start_up_and_shut_down_go_to_serilog_and_never_to_stdout()
    {
        var sink = new CapturingSink();
        Log.Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        var stdout = new StringWriter();
        var originalOut = Console.Out;
        // Process-wide: a test running beside this one may write too, hence the synchronised writer.
        Console.SetOut(TextWriter.Synchronized(stdout));
        try
        {
            var system = ActorSystem.Create("fallback-logging-test", ConfigLayers.Load(null, []).Merged);
            var fallback = Assert.IsType<SerilogFallbackLogger>(system.Settings.StdoutLogger);
            fallback.Tell(new Warning("remoting-terminator", typeof(SerilogLoggerTests), "told to the fallback logger"));

            // Logged right before termination: whatever the logger actor has not taken yet is drained to the fallback.
            for (var i = 0; i < 200; i++)
                system.Log.Warning("shutdown event {0}", i);
            await system.Terminate();
        }
        finally
        {
            Console.SetOut(originalOut);
            Log.CloseAndFlush();
        }

        Assert.Contains(sink.Messages, m => m.Contains("told to the fallback logger"));
        Assert.All(Enumerable.Range(0, 200), i => Assert.Contains(sink.Messages, m => m.Contains($"shutdown event {i}")));
        Assert.DoesNotContain("fallback logger", stdout.ToString());
        Assert.DoesNotContain("shutdown event", stdout.ToString());
    }

    private static string Render(LogEvent e) => CapturingSink.Render(e);
}
