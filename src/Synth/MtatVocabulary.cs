using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>
/// The 188 tag columns of MagnaTagATune's annotations_final.csv in the published file's order, so a synthesized
/// corpus is read by exactly the code that reads the real one. Spelling variants (clasical, harpsicord) are MTAT's own.
/// </summary>
public static class MtatVocabulary
{
    public static ImmutableArray<string> Tags { get; } =
    [
        "no voice", "singer", "duet", "plucking", "hard rock", "world", "bongos", "harpsichord", "female singing",
        "clasical", "sitar", "chorus", "female opera", "male vocal", "vocals", "clarinet", "heavy", "silence",
        "beats", "men", "woodwind", "funky", "no strings", "chimes", "foreign", "no piano", "horns", "classical",
        "female", "no voices", "soft rock", "eerie", "spacey", "jazz", "guitar", "quiet", "no beat", "banjo",
        "electric", "solo", "violins", "folk", "female voice", "wind", "happy", "ambient", "new age", "synth",
        "funk", "no singing", "middle eastern", "trumpet", "percussion", "drum", "airy", "voice", "repetitive",
        "birds", "space", "strings", "bass", "harpsicord", "medieval", "male voice", "girl", "keyboard", "acoustic",
        "loud", "classic", "string", "drums", "electronic", "not classical", "chanting", "no violin", "not rock",
        "no guitar", "organ", "no vocal", "talking", "choral", "weird", "opera", "soprano", "fast",
        "acoustic guitar", "electric guitar", "male singer", "man singing", "classical guitar", "country", "violin",
        "electro", "reggae", "tribal", "dark", "male opera", "no vocals", "irish", "electronica", "horn", "operatic",
        "arabic", "lol", "low", "instrumental", "trance", "chant", "strange", "drone", "synthesizer", "heavy metal",
        "modern", "disco", "bells", "man", "deep", "fast beat", "industrial", "hard", "harp", "no flute", "jungle",
        "pop", "lute", "female vocal", "oboe", "mellow", "orchestral", "viola", "light", "echo", "piano", "celtic",
        "male vocals", "orchestra", "eastern", "old", "flutes", "punk", "spanish", "sad", "sax", "slow", "male",
        "blues", "vocal", "indian", "no singer", "scary", "india", "woman", "woman singing", "rock", "dance",
        "piano solo", "guitars", "no drums", "jazzy", "singing", "cello", "calm", "female vocals", "voices",
        "different", "techno", "clapping", "house", "monks", "flute", "not opera", "not english", "oriental", "beat",
        "upbeat", "soft", "noise", "choir", "female singer", "rap", "metal", "hip hop", "quick", "water", "baroque",
        "women", "fiddle", "english"
    ];

    public static bool Contains(string tag) => Tags.Contains(tag);
}
