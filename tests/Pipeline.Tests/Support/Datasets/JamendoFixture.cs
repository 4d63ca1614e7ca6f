using System.Globalization;
using System.Text;
using Pipeline.Streams.Datasets.Jamendo;
using Pipeline.Tests.Support.RealShaped;

namespace Pipeline.Tests.Support.Datasets;

/// <summary>One MTG-Jamendo track as a split file lists it; its PATH is the dataset's NN/ID.mp3 (NN: the id's last two digits).</summary>
public sealed record JamendoTrack(int Id, int Artist, int Album, double Seconds, params string[] Tags)
{
    public string Path => string.Create(CultureInfo.InvariantCulture, $"{Id % 100:D2}/{Id}.mp3");
}

/// <summary>
/// Writes an MTG-Jamendo source folder: data/splits/split-N/&lt;stem&gt;-train.tsv, -validation.tsv and -test.tsv in
/// the exact format of the dataset repository's files (github.com/MTG/mtg-jamendo-dataset, data/splits, as its
/// scripts/commons.py write_file makes them): tab separated with CRLF line ends, the header TRACK_ID ARTIST_ID
/// ALBUM_ID PATH DURATION TAGS, ids zero-padded (track_0000382, artist_000020, album_000046), the duration as Python
/// prints a float (211.1, 166.0), then one column per tag, sorted. The dataset's metadata is licensed CC BY-NC-SA 4.0,
/// which this project's tests do not take on, so no real row is copied: the rows are generated in that format.
/// </summary>
public static class JamendoFixture
{
    public const string Header = "TRACK_ID\tARTIST_ID\tALBUM_ID\tPATH\tDURATION\tTAGS";

    /// <summary>The folder of split <paramref name="split"/> under <paramref name="source"/>.</summary>
    public static string SplitFolder(string source, int split) =>
        System.IO.Path.Combine(source, "data", "splits", $"split-{split}");

    /// <summary>The file of one part (train, validation, test) of a split for a tag set.</summary>
    public static string SplitFile(string source, int split, JamendoSubset subset, string part) =>
        System.IO.Path.Combine(SplitFolder(source, split), $"{JamendoSubsets.FileStem(subset)}-{part}.tsv");

    public static void Write(string source, int split, JamendoSubset subset,
        IEnumerable<JamendoTrack> train, IEnumerable<JamendoTrack> validation, IEnumerable<JamendoTrack> test)
    {
        Directory.CreateDirectory(SplitFolder(source, split));
        foreach (var (part, tracks) in new[] { ("train", train), ("validation", validation), ("test", test) })
            File.WriteAllText(SplitFile(source, split, subset, part), Text(tracks), new UTF8Encoding(false));
    }

    /// <summary>A whole file: the header and one row per track, CRLF after every line.</summary>
    public static string Text(IEnumerable<JamendoTrack> tracks) =>
        string.Concat(tracks.Select(Row).Prepend(Header).Select(line => line + "\r\n"));

    public static string Row(JamendoTrack track) => string.Join('\t', new[]
    {
        string.Create(CultureInfo.InvariantCulture, $"track_{track.Id:D7}"),
        string.Create(CultureInfo.InvariantCulture, $"artist_{track.Artist:D6}"),
        string.Create(CultureInfo.InvariantCulture, $"album_{track.Album:D6}"),
        track.Path,
        PythonFloat(track.Seconds),
    }.Concat(track.Tags.Order(StringComparer.Ordinal)));

    /// <summary>
    /// The tracks' audio as the full-quality download holds it: 320 kbps CBR MP3, 44.1 kHz stereo, whole tracks, at
    /// PATH under the source (with <paramref name="lowQuality"/>, the audio-low download's NN/ID.low.mp3, VBR).
    /// </summary>
    public static void WriteAudio(string source, IEnumerable<JamendoTrack> tracks, bool lowQuality = false)
    {
        foreach (var track in tracks)
        {
            var path = System.IO.Path.Combine(source, lowQuality ? track.Path.Replace(".mp3", ".low.mp3", StringComparison.Ordinal) : track.Path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var samples = (long)Math.Round(track.Seconds * 44_100);
            var options = lowQuality ? new[] { "-V", "2", "-m", "m" } : ["-b", "320", "-m", "j"];
            File.WriteAllBytes(path, LameEncodes.Encode(FixtureSignal.Tone(200 + track.Id % 700), 44_100, lowQuality ? 1 : 2, samples, options));
        }
    }

    // Python's repr of a float: the shortest round trip, with ".0" on whole numbers.
    private static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }
}
