namespace Pipeline.Synth;

/// <summary>
/// The three tempo bands of the corpus. Slow and fast earn MTAT's "slow" and "fast"; the bands leave wide gaps
/// (72..92 and 120..140 BPM are never used) so the two tags are unambiguous, and medium pieces earn neither.
/// </summary>
public enum TempoClass { Slow, Medium, Fast }

public static class TempoClasses
{
    public static (int Lowest, int Highest) BeatsPerMinute(this TempoClass tempo) => tempo switch
    {
        TempoClass.Slow => (56, 72),
        TempoClass.Medium => (92, 120),
        TempoClass.Fast => (140, 168),
        _ => throw new ArgumentOutOfRangeException(nameof(tempo), tempo, null),
    };

    public static string? Tag(this TempoClass tempo) => tempo switch
    {
        TempoClass.Slow => "slow",
        TempoClass.Fast => "fast",
        _ => null,
    };
}
