using System.Text.RegularExpressions;
using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Datasets.Fma.LastFm;

/// <summary>
/// The form in which an artist name or a song title is compared across catalogues (FMA's tracks.csv, the MSD's
/// track_metadata.db), applied the same way to both sides and to artists and titles alike:
/// <list type="number">
/// <item>accents and case: lower-cased, letters folded to their base letters (<see cref="AccentFolding"/>: "Beyoncé" = "beyonce");</item>
/// <item>bracketed notes that name a version ("(Radio Edit)", "[Remastered 2009]", "(feat. X)") and such a note after
/// a dash ("Song - Live") are dropped; other brackets ("(Part 2)") stay;</item>
/// <item>a "feat." part and what follows it ("A feat. B", "Song ft. X", "featuring") is dropped;</item>
/// <item>"&amp;" reads "and"; apostrophes go ("Don't" = "Dont"); other punctuation separates words;</item>
/// <item>a leading "The", or a trailing ", The", is dropped;</item>
/// <item>the words are joined without spaces, so "AC/DC" = "ACDC" and "Rock-n-Roll" = "Rock n Roll".</item>
/// </list>
/// An empty result means the name cannot be matched.
/// </summary>
public static partial class SongKey
{
    public static string Of(string name)
    {
        var text = AccentFolding.Fold(name);
        text = Bracketed().Replace(text, m => VersionWord().IsMatch(m.Groups["inner"].Value) ? " " : m.Value);
        text = DashNote().Replace(text, m => VersionWord().IsMatch(m.Groups["note"].Value) ? "" : m.Value);
        text = Featuring().Replace(text, "");
        text = text.Replace("&", " and ").Replace("'", "").Replace("\u2019", "");
        text = TrailingThe().Replace(text, "");
        var words = NotWord().Split(text).Where(w => w.Length > 0).ToList();
        if (words.Count > 1 && words[0] == "the")
            words.RemoveAt(0);
        return string.Concat(words);
    }

    [GeneratedRegex(@"\s*[\(\[\{](?<inner>[^\(\)\[\]\{\}]*)[\)\]\}]")]
    private static partial Regex Bracketed();

    // Only a spaced dash starts a note: "Song - Live" loses "Live", "Jay-Z" keeps its hyphen.
    [GeneratedRegex(@"\s+[-\u2013\u2014]\s+(?<note>[^-\u2013\u2014]*)$")]
    private static partial Regex DashNote();

    [GeneratedRegex(@"\b(remix|remixed|mix|version|edit|live|remaster|remastered|demo|instrumental|acoustic|radio|extended|original|rework|dub|vip|bonus|mono|stereo|single|explicit|clean|feat|ft|featuring)\b")]
    private static partial Regex VersionWord();

    // Not at the very start, so an artist called "Featuring" keeps its name.
    [GeneratedRegex(@"(?<=\S)\s+(feat\.?|ft\.|featuring)\s.*$")]
    private static partial Regex Featuring();

    [GeneratedRegex(@",\s*the\s*$")]
    private static partial Regex TrailingThe();

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NotWord();
}
