using System.Globalization;

namespace Pipeline.Tests.Support;

/// <summary>Small audio files made on the fly with sox and lame, in the formats the real datasets use.</summary>
public static class AudioFixtures
{
    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A sine wave as 16-bit WAV.</summary>
    public static string SineWav(string path, double frequency, int rate, double seconds, int channels = 1, double amplitude = 0.5)
    {
        Tools.Run("sox", "-n", "-r", rate.ToString(CultureInfo.InvariantCulture), "-c", channels.ToString(CultureInfo.InvariantCulture),
            "-b", "16", path, "synth", F(seconds), "sine", F(frequency), "vol", F(amplitude));
        return path;
    }

    /// <summary>An MP3 like a MagnaTagATune clip: 16 kHz mono 32 kbps, made with lame from a sox signal.</summary>
    public static string MtatMp3(string path, double seconds = 29.1, double frequency = 440)
    {
        var wav = path + ".src.wav";
        SineWav(wav, frequency, 16_000, seconds);
        Tools.Run("lame", "--quiet", "-b", "32", "-m", "m", "--resample", "16", wav, path);
        File.Delete(wav);
        return path;
    }
}
