using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>
/// One part of an arrangement: the instruments it may be played on (one is drawn per track), its texture, the
/// middle of its register (MIDI key), how much louder or softer than the piece's dynamic it plays, and for the
/// even-stream textures (arpeggios, power chords, bass lines) the beats between notes.
/// </summary>
public sealed record PartRecipe(ImmutableArray<Instrument> Choices, Texture Texture, int Register, int VelocityOffset = 0, double Step = 0.5)
{
    public ImmutableArray<string> Tags => Choices[0].Tags;
}

/// <summary>A drum part: the kits it may use (bank 128 presets of FluidR3), its groove and the tags it earns.</summary>
public sealed record DrumRecipe(ImmutableArray<int> Kits, DrumGroove Groove, ImmutableArray<string> Tags);

/// <summary>One line-up of a style, drawn with its <paramref name="Weight"/> among the style's arrangements.</summary>
public sealed record Arrangement(string Name, double Weight, ImmutableArray<PartRecipe> Parts, DrumRecipe? Drums = null)
{
    /// <summary>The tags the line-up's sounds earn: every part's instrument tags and the drums'.</summary>
    public IEnumerable<string> Tags => Parts.SelectMany(p => p.Tags).Concat(Drums?.Tags ?? []);
}
