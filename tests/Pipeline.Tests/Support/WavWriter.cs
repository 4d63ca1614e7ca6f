namespace Pipeline.Tests.Support;

/// <summary>Writes 16-bit PCM WAV files from float samples, for fixtures whose exact content matters.</summary>
public static class WavWriter
{
    /// <summary>Writes interleaved samples; <paramref name="declaredDataBytes"/> lets a test lie in the header.</summary>
    public static void Write(string path, float[] interleaved, int rate, int channels, int? declaredDataBytes = null)
    {
        using var writer = new BinaryWriter(File.Create(path));
        var dataBytes = interleaved.Length * 2;
        var declared = declaredDataBytes ?? dataBytes;
        writer.Write("RIFF"u8);
        writer.Write(36 + declared);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)channels);
        writer.Write(rate);
        writer.Write(rate * channels * 2);
        writer.Write((short)(channels * 2));
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(declared);
        foreach (var sample in interleaved)
            writer.Write((short)Math.Clamp(MathF.Round(sample * 32767f), short.MinValue, short.MaxValue));
    }
}
