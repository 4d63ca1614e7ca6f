using System.Globalization;
using System.Text;

namespace Pipeline.Streams.Datasets.Text;

/// <summary>
/// Folds lower-case letters to their base letters: what Unicode compatibility decomposition (NFKD) with the combining
/// marks dropped and lower-cased gives ("é" -> "e", "ǆ" -> "dz", "ﬁ" -> "fi", full-width "ａ" -> "a"), for the Latin, Greek and
/// Cyrillic blocks, the Latin ligatures and the full-width forms; then the letters Unicode does not decompose
/// but catalogues spell both ways ("ø" -> "o", "ß" -> "ss", "æ" -> "ae", "ł" -> "l", ...). Combining marks are dropped.
/// The program runs with invariant globalization, where string.Normalize does nothing, hence the table; it was
/// generated with Python's unicodedata (a test checks it against Python again).
/// </summary>
public static class AccentFolding
{
    /// <summary>Each entry: the letter, then what it folds to.</summary>
    private const string Decompositions =
        "àa áa âa ãa äa åa çc èe ée êe ëe ìi íi îi ïi ñn òo óo ôo õo öo ùu úu ûu üu ýy ÿy āa ăa ąa ćc ĉc ċc " +
        "čc ďd ēe ĕe ėe ęe ěe ĝg ğg ġg ģg ĥh ĩi īi ĭi įi ĳij ĵj ķk ĺl ļl ľl ńn ņn ňn ŉʼn ōo ŏo őo ŕr ŗr řr " +
        "śs ŝs şs šs ţt ťt ũu ūu ŭu ůu űu ųu ŵw ŷy źz żz žz ſs ơo ưu ǆdz ǉlj ǌnj ǎa ǐi ǒo ǔu ǖu ǘu ǚu ǜu ǟa " +
        "ǡa ǣæ ǧg ǩk ǫo ǭo ǯʒ ǰj ǳdz ǵg ǹn ǻa ǽæ ǿø ȁa ȃa ȅe ȇe ȉi ȋi ȍo ȏo ȑr ȓr ȕu ȗu șs țt ȟh ȧa ȩe ȫo ȭo " +
        "ȯo ȱo ȳy ʹʹ ΐι άα έε ήη ίι ΰυ ϊι ϋυ όο ύυ ώω ϐβ ϑθ ϒυ ϓυ ϔυ ϕφ ϖπ ϰκ ϱρ ϲς ϵε йи ѐе ёе ѓг їі ќк ѝи " +
        "ўу ѷѵ ӂж ӑа ӓа ӗе ӛә ӝж ӟз ӣи ӥи ӧо ӫө ӭэ ӯу ӱу ӳу ӵч ӹы ḁa ḃb ḅb ḇb ḉc ḋd ḍd ḏd ḑd ḓd ḕe ḗe ḙe ḛe " +
        "ḝe ḟf ḡg ḣh ḥh ḧh ḩh ḫh ḭi ḯi ḱk ḳk ḵk ḷl ḹl ḻl ḽl ḿm ṁm ṃm ṅn ṇn ṉn ṋn ṍo ṏo ṑo ṓo ṕp ṗp ṙr ṛr ṝr " +
        "ṟr ṡs ṣs ṥs ṧs ṩs ṫt ṭt ṯt ṱt ṳu ṵu ṷu ṹu ṻu ṽv ṿv ẁw ẃw ẅw ẇw ẉw ẋx ẍx ẏy ẑz ẓz ẕz ẖh ẗt ẘw ẙy ẚaʾ " +
        "ẛs ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa ẹe ẻe ẽe ếe ềe ểe ễe ệe ỉi ịi ọo ỏo ốo ồo ổo ỗo ộo ớo ờo ởo " +
        "ỡo ợo ụu ủu ứu ừu ửu ữu ựu ỳy ỵy ỷy ỹy ﬀff ﬁfi ﬂfl ﬃffi ﬄffl ﬅst ﬆst ０0 １1 ２2 ３3 ４4 ５5 ６6 ７7 ８8 ９9 " +
        "ａa ｂb ｃc ｄd ｅe ｆf ｇg ｈh ｉi ｊj ｋk ｌl ｍm ｎn ｏo ｐp ｑq ｒr ｓs ｔt ｕu ｖv ｗw ｘx ｙy ｚz";

    /// <summary>Letters with no decomposition that are commonly written without their stroke or as two letters.</summary>
    private const string Spellings = "øo đd łl ßss æae œoe ıi ðd þth ħh ŧt ŋn ƒf";

    private static readonly Dictionary<char, string> Folds = Parse(Decompositions, Parse(Spellings, []));

    /// <summary><paramref name="text"/> lower-cased, folded, and without combining marks.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (Folds.TryGetValue(c, out var replacement))
                folded.Append(replacement);
            else
                folded.Append(c);
        }
        return folded.ToString();
    }

    // A decomposition that gives a letter with a spelling of its own ("ǽ" -> "æ") folds all the way ("ae").
    private static Dictionary<char, string> Parse(string entries, Dictionary<char, string> then)
    {
        var folds = new Dictionary<char, string>(then);
        foreach (var entry in entries.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            folds[entry[0]] = string.Concat(entry[1..].Select(c => then.TryGetValue(c, out var more) ? more : c.ToString()));
        return folds;
    }
}
