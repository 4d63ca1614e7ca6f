using System.Globalization;

namespace Pipeline.Synth;

/// <summary>
/// The file format of a MagnaTagATune clip, which every synthesized clip copies. Measured on a real clip
/// (jordipons/musicnn audio/joram-moments_of_clarity-08-solipsism-59-88.mp3): lame encoded the 29 s excerpt on its own
/// to MPEG-2 Layer III, 16 kHz mono CBR 32 kbit/s, frames marked "not original", without an Info frame (it does not
/// fit a 144-byte frame), and tagged it itself: ID3v2.3 with TSSE, TIT2, TPE1, TALB, COMM and TLEN, and ID3v1.
/// </summary>
public static class MtatClipFormat
{
    /// <summary>
    /// The audio lame encodes per clip: the real clips' 809 frames (465,984 decoded samples, 29.12 s) come from this
    /// much with lame 3.100 (3.98.2 made them from 29.000 s).
    /// </summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(29.02);

    public const int SampleRate = 16_000;

    /// <summary>Mono MP3 at a constant 32 kbit/s.</summary>
    public const int KilobitsPerSecond = 32;

    /// <summary>
    /// The "start-end" seconds MTAT puts at the end of a clip's file name for the <paramref name="index"/>-th clip of
    /// a track: 0-29, 30-59, 59-88, 88-117, ... (clip boundaries at multiples of 29.1 s, rounded up).
    /// </summary>
    public static string SegmentName(int index)
    {
        var start = CeilingSeconds(index);
        var end = index == 0 ? CeilingSeconds(1) - 1 : CeilingSeconds(index + 1);
        return $"{start}-{end}";
    }

    /// <summary>
    /// lame's options that encode and tag a clip as the real ones are: the rate, frames marked "not original" (-o),
    /// and the ID3 tags from the clip's name, artist-album-NN-track-start-end.mp3 (its comment names the range, as
    /// the real clips' does).
    /// </summary>
    public static IReadOnlyList<string> LameArguments(string fileName)
    {
        var parts = Path.GetFileNameWithoutExtension(fileName).Split('-');
        var (artist, album, title, range) = parts.Length >= 6
            ? (Words(parts[0]), Words(parts[1]), Words(string.Join('-', parts[3..^2])), $"[{parts[^2]}, {parts[^1]}]")
            : ("unknown", "unknown", Words(parts[0]), "[0, 29]");
        return
        [
            "-b", KilobitsPerSecond.ToString(CultureInfo.InvariantCulture), "-m", "m", "-o",
            "--resample", (SampleRate / 1000).ToString(CultureInfo.InvariantCulture),
            "--add-id3v2", "--tt", $"{title} (EXCERPT)", "--ta", artist, "--tl", album,
            "--tc", $"This excerpt (range {range} from the original) was rendered by the synth command of this project as a demo clip in MagnaTagATune's format.",
        ];
    }

    private static string Words(string namePart) => namePart.Replace('_', ' ');

    private static int CeilingSeconds(int clips) => (clips * 291 + 9) / 10;
}
