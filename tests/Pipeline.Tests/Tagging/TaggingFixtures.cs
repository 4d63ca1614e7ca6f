using Pipeline.Tests.Support;

namespace Pipeline.Tests.Tagging;

/// <summary>
/// A music folder as users have them: files at the top and in nested folders, in several formats, and the things
/// that are not audio: a text file, a 0-byte MP3, random bytes named .mp3, and a folder named like an MP3.
/// </summary>
public sealed record MusicFolder(string Root, IReadOnlyList<string> TopLevel, IReadOnlyList<string> Nested, IReadOnlyList<string> Bad)
{
    public IReadOnlyList<string> Good => [.. TopLevel, .. Nested];

    public static MusicFolder Create(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "sub", "deeper"));
        Directory.CreateDirectory(Path.Combine(root, "album.mp3"));
        var top = new[]
        {
            AudioFixtures.MtatMp3(Path.Combine(root, "a.mp3"), seconds: 2.0, frequency: 220),
            AudioFixtures.SineWav(Path.Combine(root, "b.wav"), 880, 44_100, 1.5, channels: 2),
        };
        var nested = new[]
        {
            Flac(Path.Combine(root, "sub", "c.flac"), 1.2),
            AudioFixtures.MtatMp3(Path.Combine(root, "sub", "deeper", "d.mp3"), seconds: 1.0, frequency: 3_000),
            AudioFixtures.MtatMp3(Path.Combine(root, "album.mp3", "e.mp3"), seconds: 1.0, frequency: 500),
            AudioFixtures.SineWav(Path.Combine(root, "sub", "short.wav"), 1_000, 16_000, 0.05),
        };
        File.WriteAllText(Path.Combine(root, "notes.txt"), "not audio, and not named like it");
        var empty = Path.Combine(root, "empty.mp3");
        File.WriteAllBytes(empty, []);
        var noise = Path.Combine(root, "sub", "noise.mp3");
        File.WriteAllBytes(noise, RandomBytes(40_000, seed: 3));
        return new MusicFolder(root, top, nested, [empty, noise]);
    }

    private static string Flac(string path, double seconds)
    {
        Tools.Run("sox", "-n", "-r", "22050", "-c", "1", "-b", "16", path, "synth", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "pinknoise", "vol", "0.4");
        return path;
    }

    public static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
