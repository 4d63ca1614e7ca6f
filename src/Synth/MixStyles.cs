using System.Collections.Immutable;
using Pipeline.Shared.Random;

namespace Pipeline.Synth;

/// <summary>
/// Corpora of another kind than the demo's genre styles (synth --kind mixes): each clip plays one to three
/// instruments drawn from a set, over drums or not, at a tempo and loudness band. Its tags are exactly what sounds:
/// the instruments, drums, slow/fast, quiet/loud. One style per lead instrument, so the planner's turn-taking keeps
/// every instrument about equally common; the same set and seed give the same styles.
/// </summary>
public static class MixStyles
{
    private static readonly DrumRecipe[] Kits =
    [
        new([0, 8, 16], DrumGroove.Rock, ["drums"]),
        new([0, 24, 25], DrumGroove.Backbeat, ["drums"]),
        new([32, 40], DrumGroove.Swing, ["drums"]),
    ];

    /// <summary>The styles for <paramref name="instruments"/>; companions are drawn per lead with <paramref name="seed"/>.</summary>
    public static ImmutableArray<Style> For(IReadOnlyList<Instrument> instruments, int seed)
    {
        if (instruments.Count < 3)
            throw new ArgumentException("a mix corpus needs at least three instruments", nameof(instruments));
        var random = Seeds.Random(SeedStream.CorpusStyles, seed);
        return [.. instruments.Select(lead => Style(lead, instruments.Where(i => i != lead).ToList(), random))];
    }

    private static Style Style(Instrument lead, IReadOnlyList<Instrument> others, Random random)
    {
        var arrangements = new List<Arrangement>();
        for (var size = 1; size <= 3; size++)
        {
            for (var draw = 0; draw < 4; draw++)
            {
                var lineUp = new[] { lead }.Concat(others.OrderBy(_ => random.Next()).Take(size - 1)).ToList();
                var drums = random.Chance(0.4) ? random.Pick(Kits) : null;
                arrangements.Add(new Arrangement(string.Join(", ", lineUp.Select(i => i.Name)), 1.0,
                    [.. lineUp.Select((instrument, part) => Part(instrument, part))], drums));
            }
        }
        return new Style(lead.Name, 1.0, [], [.. arrangements], (0.35, 0.30, 0.35), (0.35, 0.30, 0.35),
            [Mode.Major, Mode.Minor, Mode.Dorian], [[0, 3, 4, 0], [0, 5, 3, 4], [0, 4, 5, 3], [5, 3, 0, 4]], TripleMeterShare: 0.2);
    }

    /// <summary>The lead plays the tune; a sustained companion holds chords, a decaying one breaks them.</summary>
    private static PartRecipe Part(Instrument instrument, int part)
    {
        var middle = (instrument.Lowest + instrument.Highest) / 2;
        var texture = part == 0 ? Texture.Melody : instrument.Sustained ? Texture.Chords : Texture.Arpeggio;
        return new PartRecipe([instrument], texture, part == 0 ? Math.Min(middle + 6, instrument.Highest - 7) : middle, part == 0 ? 6 : -6);
    }

    /// <summary>The instruments named (by instrument name or tag) in <paramref name="names"/>, or every tagged one.</summary>
    public static IReadOnlyList<Instrument> Named(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return GeneralMidi.Tagged;
        return [.. names.Select(name => GeneralMidi.Tagged.FirstOrDefault(i => i.Name == name || i.Tags.Contains(name))
            ?? throw new ArgumentException($"no instrument '{name}' (choose from: {string.Join(", ", GeneralMidi.Tagged.Select(i => i.Tags[0]))})", nameof(names)))];
    }
}
