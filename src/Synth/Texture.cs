namespace Pipeline.Synth;

/// <summary>How a part plays the harmony. Every texture sounds without pauses, so any window of a clip holds the part.</summary>
public enum Texture
{
    /// <summary>A stepwise tune over the scale, landing on chord tones on the downbeat.</summary>
    Melody,
    /// <summary>Broken chords in an even stream (harp, harpsichord, banjo rolls, synth arpeggiator).</summary>
    Arpeggio,
    /// <summary>Held chords, re-struck more often the faster the piece (strings, choir, organ, pads).</summary>
    Chords,
    /// <summary>Strummed guitar chords, the strings a few milliseconds apart.</summary>
    Strum,
    /// <summary>Root, fifth and octave in driving eighths (rock guitar).</summary>
    PowerChords,
    /// <summary>Jazz piano: seventh chords on syncopated beats.</summary>
    Comping,
    /// <summary>Root notes in eighths (rock, pop).</summary>
    BassEighths,
    /// <summary>Root on every off-beat eighth (techno).</summary>
    BassOffbeat,
    /// <summary>Root and fifth alternating on the beat (country, classical).</summary>
    BassRootFifth,
    /// <summary>Walking quarter notes through chord tones and passing notes (jazz, baroque continuo).</summary>
    BassWalking,
    /// <summary>Tanpura-like plucked drone: fifth, octave, octave, tonic, over and over.</summary>
    Drone,
}
