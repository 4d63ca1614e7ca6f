using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Streams.Datasets.Mtat;

/// <summary>
/// MagnaTagATune names every clip after the range of the source track it was cut from, in seconds:
/// "artist-album-08-title-59-88.mp3" is seconds 59 to 88, so 29 s (the files decode to 29.1 s: the cut is at frame
/// boundaries). Each clip's ID3 comment says the same ("This excerpt (range [59, 88] from the original)").
/// </summary>
public static partial class MtatClipName
{
    public const string StatedLengthSource = "the MagnaTagATune clip name's range";

    /// <summary>The range's length in seconds, or null when the name carries no range.</summary>
    public static double? StatedSeconds(string path)
    {
        var match = Range().Match(path);
        if (!match.Success)
            return null;
        var start = int.Parse(match.Groups["start"].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(match.Groups["end"].Value, CultureInfo.InvariantCulture);
        return end > start ? end - start : null;
    }

    [GeneratedRegex(@"-(?<start>\d{1,5})-(?<end>\d{1,5})\.mp3$", RegexOptions.IgnoreCase)]
    private static partial Regex Range();
}
