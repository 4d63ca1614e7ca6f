using Akka.Configuration;
using Pipeline.Host.Configuration;

namespace Pipeline.Tests.Support;

/// <summary>The project's actor-system configuration (hocon/akka.conf) with TestKit's event listener as the logger.</summary>
public static class TestAkka
{
    public static Config Config { get; } =
        ConfigurationFactory.ParseString("akka.loggers = [\"Akka.TestKit.TestEventListener, Akka.TestKit\"]\nakka.loglevel = WARNING")
            .WithFallback(ConfigLayers.Load(null, []).Merged);
}
