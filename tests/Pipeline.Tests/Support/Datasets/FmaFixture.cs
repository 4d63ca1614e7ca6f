using Pipeline.Tests.Support.RealShaped;
using System.Globalization;
using System.Text;

namespace Pipeline.Tests.Support.Datasets;

/// <summary>One track as the fixture writes it into tracks.csv; Overrides replaces any (group, field) value verbatim.</summary>
public sealed record FmaTrack(
    int Id,
    string Subset,
    string Split,
    IReadOnlyList<int> Genres,
    IReadOnlyList<int> GenresAll,
    string GenreTop = "",
    string Title = "Food",
    string Artist = "AWOL",
    int Duration = 168)
{
    public IReadOnlyDictionary<(string Group, string Field), string> Overrides { get; init; } =
        new Dictionary<(string Group, string Field), string>();
}

/// <summary>One row of genres.csv.</summary>
public sealed record FmaGenre(int Id, int Tracks, int Parent, string Title, int TopLevel);

/// <summary>Which of tracks.csv's three header rows to leave out, to test the reader's header check.</summary>
public enum FmaHeaderRow
{
    Groups,
    Fields,
    Index,
}

/// <summary>
/// Writes an FMA metadata folder the way the real release is laid out: tracks.csv with pandas' three-row header
/// (column groups, field names, track_id), fields quoted only where needed (genre lists, HTML with commas, quotes
/// and line breaks), genres.csv with genre_id,#tracks,parent,title,top_level; and, on request, short MP3s at
/// fma_&lt;subset&gt;/NNN/NNNNNN.mp3.
/// </summary>
public static class FmaFixture
{
    /// <summary>tracks.csv's columns in the real file's order (the index column track_id comes first).</summary>
    public static readonly IReadOnlyList<(string Group, string Field)> RealColumns =
    [
        .. Group("album", "comments", "date_created", "date_released", "engineer", "favorites", "id", "information",
            "listens", "producer", "tags", "title", "tracks", "type"),
        .. Group("artist", "active_year_begin", "active_year_end", "associated_labels", "bio", "comments", "date_created",
            "favorites", "id", "latitude", "location", "longitude", "members", "name", "related_projects", "tags",
            "website", "wikipedia_page"),
        .. Group("set", "split", "subset"),
        .. Group("track", "bit_rate", "comments", "composer", "date_created", "date_recorded", "duration", "favorites",
            "genre_top", "genres", "genres_all", "information", "interest", "language_code", "license", "listens",
            "lyricist", "number", "publisher", "tags", "title"),
    ];

    /// <summary>A part of FMA's genre tree: top-level genres (parent 0) and some of their children.</summary>
    public static readonly IReadOnlyList<FmaGenre> Genres =
    [
        new(1, 8693, 38, "Avant-Garde", 38),
        new(2, 5271, 0, "International", 2),
        new(8, 868, 0, "Old-Time / Historic", 8),
        new(10, 13845, 0, "Pop", 10),
        new(12, 32923, 0, "Rock", 12),
        new(15, 34413, 0, "Electronic", 15),
        new(17, 12706, 0, "Folk", 17),
        new(21, 8389, 0, "Hip-Hop", 21),
        new(25, 9261, 12, "Punk", 12),
        new(38, 38154, 0, "Experimental", 38),
        new(76, 2230, 10, "Experimental Pop", 10),
        new(236, 1755, 15, "IDM", 15),
        new(811, 1025, 21, "Hip-Hop Beats", 21),
    ];

    public const string MetadataFolder = "fma_metadata";

    /// <summary>Writes tracks.csv and genres.csv into &lt;source&gt;/&lt;metadataFolder&gt;; returns the folder.</summary>
    public static string Write(
        string sourceDirectory,
        IEnumerable<FmaTrack> tracks,
        IEnumerable<FmaGenre>? genres = null,
        FmaHeaderRow? dropHeaderRow = null,
        IReadOnlyList<(string Group, string Field)>? columns = null,
        string metadataFolder = MetadataFolder)
    {
        var folder = Path.Combine(sourceDirectory, metadataFolder);
        Directory.CreateDirectory(folder);
        WriteTracks(Path.Combine(folder, "tracks.csv"), tracks, columns ?? RealColumns, dropHeaderRow);
        WriteGenres(Path.Combine(folder, "genres.csv"), genres ?? Genres);
        return folder;
    }

    /// <summary>"[21, 811]", the way pandas writes a genre id list.</summary>
    public static string List(IEnumerable<int> ids) => "[" + string.Join(", ", ids) + "]";

    /// <summary>
    /// Tracks shaped like FMA's (<see cref="RealShapedAudio.FmaTrack"/>: ID3v2.4 with a picture, VBR with a Xing frame,
    /// APE and ID3v1 tags) for <paramref name="trackIds"/> under fma_&lt;subset&gt;: 30 s, the clip the small, medium
    /// and large subsets hold of every track at least that long (the fixture's tracks are 168 s).
    /// </summary>
    public static IReadOnlyList<string> WriteAudio(string sourceDirectory, string subset, IEnumerable<int> trackIds, double seconds = 30)
    {
        var paths = new List<string>();
        using var scratch = new TempDirectory("fma-tracks");
        foreach (var id in trackIds)
        {
            var path = Path.Combine(sourceDirectory, $"fma_{subset}", (id / 1000).ToString("D3", CultureInfo.InvariantCulture),
                id.ToString("D6", CultureInfo.InvariantCulture) + ".mp3");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(RealShapedAudio.FmaTrack(scratch.Path, FmaTrailer.Ape, seconds, signal: FixtureSignal.Tone(220 + id % 500)).Path, path);
            paths.Add(path);
        }
        return paths;
    }

    private static IEnumerable<(string, string)> Group(string group, params string[] fields) => fields.Select(f => (group, f));

    private static void WriteTracks(string file, IEnumerable<FmaTrack> tracks, IReadOnlyList<(string Group, string Field)> columns, FmaHeaderRow? drop)
    {
        var csv = new StringBuilder();
        if (drop != FmaHeaderRow.Groups)
            AppendRow(csv, columns.Select(c => c.Group).Prepend(""));
        if (drop != FmaHeaderRow.Fields)
            AppendRow(csv, columns.Select(c => c.Field).Prepend(""));
        if (drop != FmaHeaderRow.Index)
            AppendRow(csv, columns.Select(_ => "").Prepend("track_id"));
        foreach (var track in tracks)
        {
            var values = ValuesOf(track);
            AppendRow(csv, columns.Select(c => track.Overrides.TryGetValue(c, out var v) ? v : values.GetValueOrDefault(c, ""))
                .Prepend(track.Id.ToString(CultureInfo.InvariantCulture)));
        }
        File.WriteAllText(file, csv.ToString(), new UTF8Encoding(false));
    }

    // Values like the real ones, including the awkward ones: HTML over several lines with commas and quotes,
    // Python lists of strings, names with commas.
    private static Dictionary<(string, string), string> ValuesOf(FmaTrack track)
    {
        var n = track.Id.ToString(CultureInfo.InvariantCulture);
        return new()
        {
            [("album", "comments")] = "0",
            [("album", "date_created")] = "2008-11-26 01:44:45",
            [("album", "date_released")] = "2009-01-05 00:00:00",
            [("album", "favorites")] = "4",
            [("album", "id")] = (track.Id / 10).ToString(CultureInfo.InvariantCulture),
            [("album", "information")] = "<p>Recorded at \"The Loft\", Brooklyn, in one take.</p>\n<p>Mixed by Ann, Bo &amp; Cy.</p>",
            [("album", "listens")] = "6073",
            [("album", "tags")] = "['lo-fi', 'live']",
            [("album", "title")] = "AWOL - A Way Of Life",
            [("album", "tracks")] = "7",
            [("album", "type")] = "Album",
            [("artist", "active_year_begin")] = "2006-01-01 00:00:00",
            [("artist", "bio")] = "<p>\"AWOL\" is a duo,\r\nfrom New Jersey.</p>",
            [("artist", "date_created")] = "2008-11-26 01:42:32",
            [("artist", "favorites")] = "9",
            [("artist", "id")] = "1",
            [("artist", "latitude")] = "40.0583238",
            [("artist", "location")] = "New Jersey, USA",
            [("artist", "longitude")] = "-74.4056612",
            [("artist", "members")] = "Sajje Morocco,Brownbum,ZawidaGod,Custodian of Records,",
            [("artist", "name")] = track.Artist,
            [("artist", "tags")] = "['awol']",
            [("artist", "website")] = "http://www.AzillionRecords.blogspot.com",
            [("set", "split")] = track.Split,
            [("set", "subset")] = track.Subset,
            [("track", "bit_rate")] = "256000",
            [("track", "comments")] = "0",
            [("track", "date_created")] = "2008-11-26 01:48:12",
            [("track", "date_recorded")] = "2008-11-26 00:00:00",
            [("track", "duration")] = track.Duration.ToString(CultureInfo.InvariantCulture),
            [("track", "favorites")] = "2",
            [("track", "genre_top")] = track.GenreTop,
            [("track", "genres")] = List(track.Genres),
            [("track", "genres_all")] = List(track.GenresAll),
            [("track", "interest")] = "4656",
            [("track", "language_code")] = "en",
            [("track", "license")] = "Attribution-NonCommercial-ShareAlike 3.0 International",
            [("track", "listens")] = "1293",
            [("track", "number")] = n,
            [("track", "tags")] = "[]",
            [("track", "title")] = track.Title,
        };
    }

    private static void WriteGenres(string file, IEnumerable<FmaGenre> genres)
    {
        var csv = new StringBuilder();
        AppendRow(csv, ["genre_id", "#tracks", "parent", "title", "top_level"]);
        foreach (var g in genres)
            AppendRow(csv, [Number(g.Id), Number(g.Tracks), Number(g.Parent), g.Title, Number(g.TopLevel)]);
        File.WriteAllText(file, csv.ToString(), new UTF8Encoding(false));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Quotes only where needed, as pandas' to_csv does.
    private static void AppendRow(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(f => f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"") + "\"" : f));
        csv.Append('\n');
    }
}
