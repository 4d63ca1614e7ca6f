using System.Collections.Immutable;
using static Pipeline.Synth.GeneralMidi;

namespace Pipeline.Synth;

/// <summary>
/// The corpus's styles. A clip's tags are its style's tags, its instruments' tags, its drums' tags and its tempo and
/// loudness bands, so each tag names something that sounds in every second of the clip. Genre tags are the
/// combinations listeners use them for: classical is bowed strings, harpsichord, solo piano, flute and harp, choir
/// or organ without drums; techno is a synth arpeggio over four-on-the-floor drums; and so on.
/// </summary>
public static class Styles
{
    private static readonly DrumRecipe RockKit = new([0, 8, 16], DrumGroove.Rock, ["drums"]);
    private static readonly DrumRecipe TechnoKit = new([24, 25], DrumGroove.FourOnTheFloor, ["drums"]);
    private static readonly DrumRecipe PopKit = new([0, 24, 25], DrumGroove.Backbeat, ["drums"]);
    private static readonly DrumRecipe JazzKit = new([32, 40], DrumGroove.Swing, ["drums"]);
    private static readonly DrumRecipe Tabla = new([0], DrumGroove.Tabla, ["percussion"]);

    private static PartRecipe Part(Texture texture, int register, int velocityOffset, params Instrument[] choices) =>
        new([.. choices], texture, register, velocityOffset);

    /// <summary>A part in sixteenth notes: the synth arpeggiator and the banjo roll.</summary>
    private static PartRecipe Sixteenths(Texture texture, int register, int velocityOffset, params Instrument[] choices) =>
        new([.. choices], texture, register, velocityOffset, Step: 0.25);

    private static ImmutableArray<ImmutableArray<int>> Progressions(params int[][] progressions) =>
        [.. progressions.Select(p => p.ToImmutableArray())];

    public static ImmutableArray<Style> All { get; } =
    [
        new("strings", 1.0, ["classical"],
        [
            new("violin, strings and cello", 1.0,
                [Part(Texture.Melody, 76, 8, Violin), Part(Texture.Chords, 62, -8, Strings, SlowStrings), Part(Texture.BassRootFifth, 45, -4, Cello)]),
            new("cello and strings", 1.0, [Part(Texture.Melody, 57, 6, Cello), Part(Texture.Chords, 67, -10, Strings, SlowStrings)]),
            new("violin and cello duo", 1.0, [Part(Texture.Melody, 77, 4, Violin), Part(Texture.Arpeggio, 50, 0, Cello)]),
        ],
        (0.45, 0.35, 0.20), (0.40, 0.45, 0.15),
        [Mode.Major, Mode.Minor, Mode.HarmonicMinor],
        Progressions([0, 3, 4, 0], [0, 5, 1, 4], [0, 4, 5, 3], [0, 3, 6, 2, 5, 1, 4, 0]),
        TripleMeterShare: 0.3),

        new("baroque", 1.0, ["classical", "baroque"],
        [
            new("harpsichord solo", 1.0, [Part(Texture.Arpeggio, 67, 0, Harpsichord), Part(Texture.BassWalking, 45, 0, Harpsichord)]),
            new("harpsichord and cello continuo", 1.0, [Part(Texture.Arpeggio, 67, 0, Harpsichord), Part(Texture.BassWalking, 45, 0, Cello)]),
            new("harpsichord with a tune", 0.6, [Part(Texture.Melody, 74, 4, Harpsichord), Part(Texture.Arpeggio, 57, -4, Harpsichord)]),
        ],
        (0.10, 0.50, 0.40), (0.30, 0.55, 0.15),
        [Mode.Major, Mode.HarmonicMinor],
        Progressions([0, 3, 4, 0], [0, 5, 1, 4], [0, 4, 5, 2, 3, 0, 3, 4]),
        TripleMeterShare: 0.3),

        new("piano", 1.0, ["classical"],
        [
            new("piano with arpeggios", 1.0, [Part(Texture.Melody, 74, 6, Piano), Part(Texture.Arpeggio, 52, -6, Piano)]),
            new("piano with chords", 0.7, [Part(Texture.Melody, 72, 6, Piano), Part(Texture.Chords, 55, -8, Piano)]),
        ],
        (0.35, 0.40, 0.25), (0.35, 0.45, 0.20),
        [Mode.Major, Mode.Minor, Mode.HarmonicMinor],
        Progressions([0, 5, 3, 4], [0, 3, 4, 0], [0, 4, 5, 3], [5, 3, 0, 4]),
        TripleMeterShare: 0.3),

        new("flute and harp", 1.0, ["classical"],
        [
            new("flute and harp", 1.0, [Part(Texture.Melody, 79, 6, Flute), Part(Texture.Arpeggio, 57, 0, Harp)]),
            new("harp solo", 1.0, [Part(Texture.Melody, 76, 6, Harp), Part(Texture.Arpeggio, 52, 0, Harp)]),
            new("flute and strings", 1.0, [Part(Texture.Melody, 79, 6, Flute), Part(Texture.Chords, 60, -8, Strings, SlowStrings)]),
        ],
        (0.40, 0.40, 0.20), (0.45, 0.45, 0.10),
        [Mode.Major, Mode.Lydian, Mode.Minor],
        Progressions([0, 3, 0, 4], [0, 5, 3, 4], [0, 2, 3, 4]),
        TripleMeterShare: 0.3),

        new("sacred", 1.15, ["classical"],
        [
            new("choir and organ", 1.0, [Part(Texture.Chords, 64, 6, Choir, ChoirOohs), Part(Texture.Chords, 50, -6, ChurchOrgan)]),
            new("choir and strings", 1.0, [Part(Texture.Melody, 70, 4, Choir), Part(Texture.Chords, 60, 0, ChoirOohs), Part(Texture.Chords, 48, -8, Strings, SlowStrings)]),
            new("organ solo", 0.6, [Part(Texture.Melody, 74, 0, ChurchOrgan), Part(Texture.Chords, 57, -6, ChurchOrgan), Part(Texture.BassWalking, 38, -6, ChurchOrgan)]),
        ],
        (0.55, 0.40, 0.05), (0.35, 0.50, 0.15),
        [Mode.Major, Mode.Minor, Mode.Dorian],
        Progressions([0, 3, 4, 0], [0, 5, 3, 4], [0, 3, 0, 4])),

        new("ambient", 1.0, ["ambient"],
        [
            new("pads", 1.0, [Part(Texture.Chords, 62, 0, WarmPad, HaloPad, SweepPad, SpaceVoicePad), Part(Texture.Chords, 45, -6, WarmPad, BowedGlassPad)]),
            new("pads with a slow tune", 1.0, [Part(Texture.Melody, 74, 0, BowedGlassPad, HaloPad), Part(Texture.Chords, 55, -4, WarmPad, SweepPad, SpaceVoicePad)]),
            new("pads and harp", 0.6, [Part(Texture.Arpeggio, 64, 4, Harp), Part(Texture.Chords, 55, -6, WarmPad, HaloPad, SpaceVoicePad)]),
        ],
        (1.0, 0.0, 0.0), (0.60, 0.40, 0.0),
        [Mode.Major, Mode.Lydian, Mode.Dorian],
        Progressions([0, 3], [0, 5, 3, 4], [0, 0, 3, 3], [0, 2, 3, 1])),

        new("techno", 1.0, ["techno", "electronic"],
        [
            new("arpeggiator and bass", 1.0, [Sixteenths(Texture.Arpeggio, 64, 0, SawLead, SquareLead), Part(Texture.BassOffbeat, 38, 4, SynthBass1, SynthBass2)], TechnoKit),
            new("arpeggiator, pad and bass", 0.8, [Sixteenths(Texture.Arpeggio, 67, 0, SawLead, SquareLead), Part(Texture.Chords, 57, -10, PolySynth), Part(Texture.BassOffbeat, 38, 4, SynthBass1, SynthBass2)], TechnoKit),
        ],
        (0.0, 0.25, 0.75), (0.05, 0.35, 0.60),
        [Mode.Minor, Mode.Phrygian, Mode.Dorian],
        Progressions([0, 0, 5, 6], [0, 0, 0, 0], [0, 5, 3, 6], [0, 0, 3, 3])),

        new("rock", 1.0, ["rock"],
        [
            new("power chords", 1.0, [Part(Texture.PowerChords, 47, 0, DistortionGuitar, OverdriveGuitar), Part(Texture.BassEighths, 36, 0, PickedBass, FingeredBass)], RockKit),
            new("lead and rhythm guitar", 0.8, [Part(Texture.Melody, 69, 0, OverdriveGuitar, DistortionGuitar), Part(Texture.PowerChords, 45, -4, DistortionGuitar), Part(Texture.BassEighths, 36, 0, PickedBass)], RockKit),
            new("guitar and organ", 0.6, [Part(Texture.PowerChords, 47, -2, OverdriveGuitar, DistortionGuitar), Part(Texture.Chords, 62, 0, RockOrgan), Part(Texture.BassEighths, 36, 0, PickedBass, FingeredBass)], RockKit),
        ],
        (0.05, 0.40, 0.55), (0.05, 0.35, 0.60),
        [Mode.Mixolydian, Mode.Minor, Mode.Major],
        Progressions([0, 6, 3, 0], [0, 3, 4, 3], [0, 5, 3, 4], [0, 2, 3, 4])),

        new("indian", 1.1, ["indian"],
        [
            new("sitar and tabla", 1.0, [Part(Texture.Melody, 67, 6, Sitar), Part(Texture.Drone, 50, -6, Sitar)], Tabla),
            new("sitar and drone", 0.5, [Part(Texture.Melody, 69, 6, Sitar), Part(Texture.Drone, 50, -4, Sitar)]),
            new("bansuri and tabla", 0.7, [Part(Texture.Melody, 74, 4, Flute), Part(Texture.Drone, 50, -4, Sitar)], Tabla),
        ],
        (0.35, 0.40, 0.25), (0.30, 0.50, 0.20),
        [Mode.Bhairav, Mode.Dorian, Mode.Lydian, Mode.Phrygian],
        Progressions([0])),

        new("jazz", 1.0, ["jazz"],
        [
            new("sax quartet", 2.0, [Part(Texture.Melody, 67, 8, TenorSax, AltoSax), Part(Texture.Comping, 62, 0, Piano), Part(Texture.BassWalking, 40, 4, AcousticBass)], JazzKit),
            new("piano trio", 0.6, [Part(Texture.Melody, 74, 6, Piano), Part(Texture.Comping, 57, -2, Piano), Part(Texture.BassWalking, 40, 4, AcousticBass)], JazzKit),
        ],
        (0.25, 0.45, 0.30), (0.30, 0.50, 0.20),
        [Mode.Dorian, Mode.Major, Mode.Mixolydian],
        Progressions([1, 4, 0, 0], [0, 5, 1, 4], [1, 4, 0, 5], [2, 5, 1, 4]),
        Swing: true, Sevenths: true),

        new("country", 1.0, ["country"],
        [
            new("guitar, banjo and fiddle", 1.0, [Part(Texture.Melody, 76, 4, Fiddle), Part(Texture.Strum, 55, -4, SteelGuitar), Sixteenths(Texture.Arpeggio, 67, -4, Banjo)]),
            new("guitar and fiddle", 0.7, [Part(Texture.Melody, 76, 4, Fiddle), Part(Texture.Strum, 55, -2, SteelGuitar), Part(Texture.BassRootFifth, 40, 0, AcousticBass)]),
            new("guitar and banjo", 1.0, [Sixteenths(Texture.Arpeggio, 67, 2, Banjo), Part(Texture.Strum, 55, 0, SteelGuitar), Part(Texture.BassRootFifth, 40, 0, AcousticBass)]),
        ],
        (0.10, 0.45, 0.45), (0.20, 0.50, 0.30),
        [Mode.Major, Mode.Mixolydian],
        Progressions([0, 3, 4, 0], [0, 0, 3, 4], [0, 4, 3, 0]),
        TripleMeterShare: 0.2),

        new("synth pop", 1.0, ["pop", "electronic"],
        [
            new("lead, chords and bass", 1.0, [Part(Texture.Melody, 72, 4, SquareLead, SawLead), Part(Texture.Chords, 60, -8, PolySynth, WarmPad), Part(Texture.BassEighths, 38, 0, SynthBass1, SynthBass2)], PopKit),
            new("arpeggiated pop", 0.6, [Part(Texture.Melody, 72, 4, SquareLead), Part(Texture.Arpeggio, 60, -4, PolySynth), Part(Texture.BassEighths, 38, 0, SynthBass2)], PopKit),
        ],
        (0.10, 0.60, 0.30), (0.10, 0.50, 0.40),
        [Mode.Major, Mode.Minor],
        Progressions([0, 4, 5, 3], [5, 3, 0, 4], [0, 5, 3, 4])),
    ];

    /// <summary>Every tag a clip of the demo corpus can carry.</summary>
    public static ImmutableArray<string> Vocabulary { get; } = CorpusPlanner.StyleVocabulary(All);
}
