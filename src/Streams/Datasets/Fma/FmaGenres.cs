using System.Globalization;
using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Datasets.Fma;

/// <summary>
/// FMA's genres.csv: the title of every genre id, and every title in the file's order (the FMA vocabulary).
/// Columns are found by name (genre_id, title); the others (#tracks, parent, top_level) are not needed.
/// </summary>
public sealed record FmaGenres(IReadOnlyDictionary<int, string> TitleById, IReadOnlyList<string> Titles)
{
    public const string FileName = "genres.csv";
    public const string IdColumn = "genre_id";
    public const string TitleColumn = "title";

    public static FmaGenres Read(string file)
    {
        if (!File.Exists(file))
            throw new MetadataException(file, null, "FMA genres.csv not found (set pipeline.dataset.fma.metadata-folder or --source)");

        using var reader = new DelimitedTextReader(file, ',');
        if (!reader.TryRead(out var header))
            throw new MetadataException(file, null, "the file is empty");
        var width = header.Fields.Count;
        var idColumn = RequiredColumn(file, header, IdColumn);
        var titleColumn = RequiredColumn(file, header, TitleColumn);

        var titleById = new Dictionary<int, string>();
        var lineOfId = new Dictionary<int, long>();
        var titles = new List<string>();
        var knownTitles = new HashSet<string>(StringComparer.Ordinal);
        while (reader.TryRead(out var row))
        {
            if (row.Fields.Count != width)
                throw new MetadataException(file, row.Line, $"expected {width} fields like the header, found {row.Fields.Count}");
            var rawId = row.Fields[idColumn].Trim();
            if (!int.TryParse(rawId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new MetadataException(file, row.Line, $"genre_id '{rawId}' is not a whole number");
            if (!lineOfId.TryAdd(id, row.Line))
                throw new MetadataException(file, row.Line, $"duplicate genre_id {id} (first on line {lineOfId[id]})");
            var title = row.Fields[titleColumn].Trim();
            if (title.Length == 0)
                throw new MetadataException(file, row.Line, $"genre {id} has an empty title");

            // Two ids with one title would otherwise put the same tag in the vocabulary twice; they stay one tag.
            if (knownTitles.Add(title))
                titles.Add(title);
            titleById[id] = title;
        }
        return new FmaGenres(titleById, titles);
    }

    private static int RequiredColumn(string file, DelimitedRecord header, string name)
    {
        for (var i = 0; i < header.Fields.Count; i++)
            if (header.Fields[i].Trim() == name)
                return i;
        throw new MetadataException(file, header.Line, $"the header has no '{name}' column (expected genre_id, #tracks, parent, title, top_level)");
    }
}
