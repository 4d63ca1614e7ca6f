using System.Globalization;
using System.Text;

namespace Pipeline.Synth;

/// <summary>
/// Invents artist, album and track names and spells them the way MTAT's file names do: lower case, every character
/// that is not a letter, digit or apostrophe turned into '_', so "J.S. Bach" becomes "j_s__bach". A few names carry
/// accented letters or apostrophes, as real ones do, to keep the readers honest about UTF-8 paths.
/// </summary>
public sealed class NameMaker(Random random)
{
    private static readonly string[] FirstNames =
    [
        "anna", "ben", "clara", "david", "elena", "felix", "grace", "hugo", "iris", "jonas", "kate", "leo", "maya",
        "nils", "olivia", "paul", "rosa", "sam", "tara", "victor", "josé", "zoë", "renée", "björn", "françois", "inés",
    ];

    private static readonly string[] LastNames =
    [
        "adams", "baker", "carter", "dubois", "evans", "fischer", "garcía", "hughes", "ito", "jensen", "kowalski",
        "lindqvist", "moreau", "nakamura", "o'brien", "petrov", "quinn", "rossi", "schmidt", "tanaka", "müller",
        "d'angelo", "varga", "walsh", "young", "zhang", "o'connor", "núñez",
    ];

    private static readonly string[] Adjectives =
    [
        "silver", "quiet", "electric", "golden", "hollow", "distant", "burning", "velvet", "broken", "northern",
        "hidden", "crimson", "lonely", "bright", "ancient", "restless", "paper", "midnight", "wandering", "frozen",
    ];

    private static readonly string[] Nouns =
    [
        "river", "lantern", "harbor", "mirror", "garden", "machine", "orchard", "signal", "compass", "meadow", "tide",
        "cathedral", "engine", "sparrow", "horizon", "canyon", "window", "ember", "circuit", "valley", "lighthouse",
        "station", "forest", "kingdom", "ocean", "pilgrim", "shadow", "summer", "winter", "caravan",
    ];

    private static readonly string[] Groups = ["quartet", "trio", "ensemble", "consort", "collective", "orchestra", "band"];

    public string Artist() => random.Next(5) switch
    {
        0 => $"{Pick(FirstNames)} {Pick(LastNames)}",
        1 => $"the {Pick(Adjectives)} {Plural(Pick(Nouns))}",
        2 => $"{Pick(LastNames)} {Pick(Groups)}",
        3 => $"{Pick(FirstNames)} {Pick(LastNames)} & the {Plural(Pick(Nouns))}",
        _ => $"{Pick(Adjectives)} {Pick(Nouns)}",
    };

    public string Album() => random.Next(6) switch
    {
        0 => $"{Pick(Adjectives)} {Pick(Nouns)}",
        1 => $"{Pick(Nouns)} of the {Pick(Nouns)}",
        2 => $"songs for a {Pick(Adjectives)} {Pick(Nouns)}",
        3 => $"the {Pick(Nouns)} sessions",
        4 => $"vol. {random.Between(1, 9)}",
        _ => $"{Plural(Pick(Nouns))}",
    };

    public string Track() => random.Next(6) switch
    {
        0 => $"{Pick(Adjectives)} {Pick(Nouns)}",
        1 => $"the {Pick(Nouns)}",
        2 => $"{Pick(Nouns)} no. {random.Between(1, 12)}",
        3 => $"{Pick(Nouns)} in {Pick(Adjectives)} light",
        4 => $"{Pick(FirstNames)}'s {Pick(Nouns)}",
        _ => $"{Pick(Adjectives)}",
    };

    /// <summary>MTAT's spelling of a name inside a file name.</summary>
    public static string Spell(string name)
    {
        var spelled = new StringBuilder(name.Length);
        foreach (var c in name.ToLower(CultureInfo.InvariantCulture))
            spelled.Append(char.IsLetterOrDigit(c) || c == '\'' ? c : '_');
        return spelled.ToString();
    }

    private string Pick(string[] words) => random.Pick(words);

    private static string Plural(string noun) => noun.EndsWith('s') ? noun + "es" : noun + "s";
}
