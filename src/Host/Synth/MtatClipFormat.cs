namespace Pipeline.Host.Synth;

/// <summary>The audio format of a MagnaTagATune clip, which every synthesized clip copies.</summary>
public static class MtatClipFormat
{
    /// <summary>MTAT cut its tracks into clips of 29.1 s.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(29.1);

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

    private static int CeilingSeconds(int clips) => (clips * 291 + 9) / 10;
}
