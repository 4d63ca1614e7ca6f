namespace Pipeline.Synth;

/// <summary>
/// The three loudness bands of the corpus. A clip is rendered, measured and scaled to its band's RMS level, about
/// 11 dB apart, and its notes are played at the band's velocity so the timbre (brighter when struck harder) agrees.
/// </summary>
public enum LevelClass { Quiet, Medium, Loud }

public static class LevelClasses
{
    /// <summary>The clip's RMS level after scaling, in dB relative to full scale.</summary>
    public static double TargetRmsDecibels(this LevelClass level) => level switch
    {
        LevelClass.Quiet => -35,
        LevelClass.Medium => -24,
        LevelClass.Loud => -13,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>The MIDI velocity an unaccented note is played with.</summary>
    public static int Velocity(this LevelClass level) => level switch
    {
        LevelClass.Quiet => 48,
        LevelClass.Medium => 80,
        LevelClass.Loud => 112,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string? Tag(this LevelClass level) => level switch
    {
        LevelClass.Quiet => "quiet",
        LevelClass.Loud => "loud",
        _ => null,
    };
}
