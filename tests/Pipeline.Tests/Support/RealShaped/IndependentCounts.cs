using System.Buffers.Binary;
using System.Globalization;

namespace Pipeline.Tests.Support.RealShaped;

/// <summary>Asks other decoders what a fixture holds, so that expected counts never come from our own code.</summary>
public static class IndependentCounts
{
    private const int WavHeaderSize = 44;

    /// <summary>mpg123's rate, channels and samples: `mpg123 -w -` writes a 44-byte WAV header, then 16-bit samples.</summary>
    public static RealShapedFile Mpeg(string path)
    {
        var (rate, channels, gapless) = Mpg123(path, gapless: true);
        var (_, _, all) = Mpg123(path, gapless: false);
        return new RealShapedFile(path, rate, channels, gapless, all, "mpg123");
    }

    /// <summary>soxi's rate (-r), channels (-c) and samples per channel (-s).</summary>
    public static RealShapedFile Sox(string path)
    {
        int Ask(string option) => int.Parse(Tools.Run("soxi", option, path).Trim(), CultureInfo.InvariantCulture);
        return new RealShapedFile(path, Ask("-r"), Ask("-c"), Ask("-s"), null, "soxi");
    }

    private static (int Rate, int Channels, long Samples) Mpg123(string path, bool gapless)
    {
        string[] arguments = gapless ? ["-q", "-w", "-", path] : ["--no-gapless", "-q", "-w", "-", path];
        var wav = Tools.RunBinary("mpg123", arguments);
        if (wav.Length < WavHeaderSize || !wav.AsSpan().StartsWith("RIFF"u8))
            throw new InvalidOperationException($"mpg123 wrote no WAV for {path} ({wav.Length} bytes)");
        var channels = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22));
        var rate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24));
        var bits = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(34));
        var frameBytes = channels * bits / 8;
        var data = wav.Length - WavHeaderSize;
        if (bits != 16 || data % frameBytes != 0)
            throw new InvalidOperationException($"mpg123 wrote {data} bytes of {bits}-bit audio in {channels} channels for {path}");
        return (rate, channels, data / frameBytes);
    }
}
