namespace Pipeline.Actors.Plumbing;

/// <summary>The dispatchers of hocon/akka.conf, by what runs on them.</summary>
public static class Dispatchers
{
    /// <summary>A thread of its own for each actor doing long TorchSharp work (training, evaluation, scoring).</summary>
    public const string Torch = "akka.actor.torch-dispatcher";

    /// <summary>A thread of its own for each decoder (native decoding blocks).</summary>
    public const string Decoder = "akka.actor.decoder-dispatcher";
}
