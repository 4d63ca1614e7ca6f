namespace Pipeline.Synth;

/// <summary>
/// The FluidR3 General MIDI presets the corpus is made of. Tags belong to an instrument only when its sound is the
/// thing the tag names; bass instruments carry none because MTAT's "bass" is too loosely used to be learnable.
/// </summary>
public static class GeneralMidi
{
    public static readonly Instrument Piano = new("piano", 0, 36, 96, false, ["piano"]);
    public static readonly Instrument Harpsichord = new("harpsichord", 6, 36, 89, false, ["harpsichord"]);
    public static readonly Instrument RockOrgan = new("rock organ", 18, 36, 96, true, ["organ"]);
    public static readonly Instrument ChurchOrgan = new("church organ", 19, 36, 96, true, ["organ"]);
    public static readonly Instrument NylonGuitar = new("nylon guitar", 24, 40, 84, false, ["guitar"]);
    public static readonly Instrument SteelGuitar = new("steel guitar", 25, 40, 84, false, ["guitar"]);
    public static readonly Instrument OverdriveGuitar = new("overdrive guitar", 29, 40, 86, true, ["guitar"]);
    public static readonly Instrument DistortionGuitar = new("distortion guitar", 30, 40, 86, true, ["guitar"]);
    public static readonly Instrument AcousticBass = new("acoustic bass", 32, 28, 55, false, []);
    public static readonly Instrument FingeredBass = new("fingered bass", 33, 28, 55, false, []);
    public static readonly Instrument PickedBass = new("picked bass", 34, 28, 55, false, []);
    public static readonly Instrument SynthBass1 = new("synth bass 1", 38, 28, 55, false, []);
    public static readonly Instrument SynthBass2 = new("synth bass 2", 39, 28, 55, false, []);
    public static readonly Instrument Violin = new("violin", 40, 55, 96, true, ["violin"]);
    public static readonly Instrument Cello = new("cello", 42, 36, 72, true, ["cello"]);
    public static readonly Instrument Harp = new("harp", 46, 36, 96, false, ["harp"]);
    public static readonly Instrument Strings = new("string ensemble", 48, 36, 91, true, ["strings"]);
    public static readonly Instrument SlowStrings = new("slow strings", 49, 36, 91, true, ["strings"]);
    public static readonly Instrument Choir = new("choir aahs", 52, 48, 79, true, ["choir"]);
    public static readonly Instrument ChoirOohs = new("choir oohs", 53, 48, 79, true, ["choir"]);
    public static readonly Instrument AltoSax = new("alto sax", 65, 49, 81, true, ["sax"]);
    public static readonly Instrument TenorSax = new("tenor sax", 66, 44, 76, true, ["sax"]);
    public static readonly Instrument Flute = new("flute", 73, 60, 96, true, ["flute"]);
    public static readonly Instrument SquareLead = new("square lead", 80, 48, 96, true, ["synth"]);
    public static readonly Instrument SawLead = new("saw lead", 81, 40, 96, true, ["synth"]);
    public static readonly Instrument WarmPad = new("warm pad", 89, 36, 84, true, ["synth"]);
    public static readonly Instrument PolySynth = new("polysynth", 90, 40, 90, true, ["synth"]);
    public static readonly Instrument SpaceVoicePad = new("space voice pad", 91, 40, 84, true, ["synth"]);
    public static readonly Instrument BowedGlassPad = new("bowed glass pad", 92, 40, 88, true, ["synth"]);
    public static readonly Instrument HaloPad = new("halo pad", 94, 40, 88, true, ["synth"]);
    public static readonly Instrument SweepPad = new("sweep pad", 95, 36, 84, true, ["synth"]);
    public static readonly Instrument Sitar = new("sitar", 104, 45, 84, false, ["sitar"]);
    public static readonly Instrument Banjo = new("banjo", 105, 48, 84, false, ["banjo"]);
    public static readonly Instrument Fiddle = new("fiddle", 110, 55, 96, true, ["violin"]);
    public static readonly Instrument Trumpet = new("trumpet", 56, 55, 82, true, ["trumpet"]);
    public static readonly Instrument FrenchHorn = new("french horn", 60, 41, 77, true, ["horn"]);
    public static readonly Instrument Oboe = new("oboe", 68, 58, 91, true, ["oboe"]);
    public static readonly Instrument Clarinet = new("clarinet", 71, 50, 91, true, ["clarinet"]);
    public static readonly Instrument TubularBells = new("tubular bells", 14, 60, 77, false, ["bells"]);

    /// <summary>Every tagged instrument above, for corpora made of instrument mixes (<see cref="MixStyles"/>).</summary>
    public static IReadOnlyList<Instrument> Tagged { get; } =
    [
        Piano, Harpsichord, ChurchOrgan, NylonGuitar, Violin, Cello, Harp, Strings, Choir, AltoSax, Flute, SquareLead, Sitar, Banjo,
        Trumpet, FrenchHorn, Oboe, Clarinet, TubularBells,
    ];
}
