using Pipeline.Host.Configuration;
using Pipeline.Streams.Audio;
using Pipeline.Streams.Audio.Pcm;

namespace Pipeline.Tests.Support;

/// <summary>The audio decoding the program uses, as hocon/pipeline.conf configures it, and each MP3 decoder on its own.</summary>
public static class Decoding
{
    public static AudioSettings Settings { get; } = PipelineSettings.Load(null, []).Audio;

    public static AudioFileReader Reader { get; } = Settings.CreateReader();

    public static AudioFileReader With(Mp3Decoder decoder) => (Settings with { Mp3Decoder = decoder }).CreateReader();
}
