using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>
/// Everything a track of the corpus is made of, drawn once per track from its style: the line-up (one instrument per
/// part, the drum kit), tempo, metre, key, chord progression and loudness. The track's clips share it and differ only
/// in the tune the composer draws from each clip's own seed. Its <see cref="Tags"/> are what the clip is annotated with.
/// </summary>
public sealed record ClipRecipe(
    Style Style,
    Arrangement Arrangement,
    ImmutableArray<Instrument> Instruments,
    int? DrumKit,
    TempoClass Tempo,
    int BeatsPerMinute,
    int BeatsPerBar,
    int Tonic,
    Mode Mode,
    ImmutableArray<int> Progression,
    LevelClass Level)
{
    public ImmutableArray<string> Tags =>
    [
        .. Style.Tags
            .Concat(Instruments.SelectMany(i => i.Tags))
            .Concat(Arrangement.Drums?.Tags ?? [])
            .Concat(new[] { Tempo.Tag(), Level.Tag() }.OfType<string>())
            .Distinct()
            .OrderBy(t => MtatVocabulary.Tags.IndexOf(t)),
    ];

    public static ClipRecipe Draw(Style style, Random random)
    {
        var arrangement = random.PickWeighted(style.Arrangements.Select(a => (a, a.Weight)).ToList());
        var instruments = arrangement.Parts.Select(p => random.Pick(p.Choices)).ToImmutableArray();
        int? kit = arrangement.Drums is { } drums ? random.Pick(drums.Kits) : null;
        var tempo = random.PickWeighted(new[]
        {
            (TempoClass.Slow, style.TempoOdds.Slow), (TempoClass.Medium, style.TempoOdds.Medium), (TempoClass.Fast, style.TempoOdds.Fast),
        });
        var (slowest, fastest) = tempo.BeatsPerMinute();
        var level = random.PickWeighted(new[]
        {
            (LevelClass.Quiet, style.LevelOdds.Quiet), (LevelClass.Medium, style.LevelOdds.Medium), (LevelClass.Loud, style.LevelOdds.Loud),
        });
        return new ClipRecipe(
            style, arrangement, instruments, kit, tempo,
            BeatsPerMinute: random.Between(slowest, fastest),
            BeatsPerBar: arrangement.Drums is null && random.Chance(style.TripleMeterShare) ? 3 : 4,
            Tonic: random.Next(12),
            Mode: random.Pick(style.Modes),
            Progression: random.Pick(style.Progressions),
            Level: level);
    }
}
