using System.Collections.Concurrent;

namespace Pipeline.Tests.Support.RealShaped;

/// <summary>
/// Encodes a fixture signal with lame, once per test run for each signal, length and set of options: fixtures that
/// only differ in their tags share the encode.
/// </summary>
public static class LameEncodes
{
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Encoded = new();

    /// <summary>The bare MP3 stream (lame writes no tags unless asked) of <paramref name="samples"/> samples per channel.</summary>
    public static byte[] Encode(FixtureSignal signal, int rate, int channels, long samples, params string[] lameOptions)
    {
        var key = $"{signal.Key}|{rate}|{channels}|{samples}|{string.Join(' ', lameOptions)}";
        return Encoded.GetOrAdd(key, _ => new Lazy<byte[]>(() => Run(signal, rate, channels, samples, lameOptions))).Value;
    }

    private static byte[] Run(FixtureSignal signal, int rate, int channels, long samples, string[] lameOptions)
    {
        using var scratch = new TempDirectory("lame-encode");
        var wav = scratch.File("source.wav");
        var mp3 = scratch.File("encoded.mp3");
        signal.Write(wav, rate, channels, samples, "-b", "16");
        Tools.Run("lame", ["--quiet", .. lameOptions, wav, mp3]);
        return File.ReadAllBytes(mp3);
    }
}
