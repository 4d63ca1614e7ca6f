using Akka.Actor;
using Pipeline.Host.Configuration;

namespace Pipeline.Host.Cli;

/// <summary>The actor system of one command run, configured from the merged layers (hocon/akka.conf + the user's akka keys).</summary>
public static class PipelineActorSystem
{
    public static ActorSystem Create(string name, ConfigLayers layers) => ActorSystem.Create(name, layers.Merged);
}
