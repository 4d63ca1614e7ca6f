using System.Collections.Immutable;
using System.Globalization;
using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Datasets.Fma;

/// <summary>
/// Reads the Free Music Archive's metadata (tracks.csv with its three-row header, genres.csv) for one subset.
/// Tags are genre titles from the configured column; the published split comes from (set, split); the audio of
/// track N is fma_&lt;subset&gt;/NNN/NNNNNN.mp3 (N / 1000 and N, zero-padded).
/// </summary>
public sealed class FmaReader(FmaSettings settings) : IDatasetReader
{
    public const string TracksFileName = "tracks.csv";
    public const string SetGroup = "set";
    public const string TrackGroup = "track";
    public const string SplitField = "split";
    public const string SubsetField = "subset";
    public const string DurationField = "duration";

    /// <summary>The small, medium and large subsets hold 30 s clips of the tracks; full holds whole tracks.</summary>
    public const double ClipSeconds = 30;

    public DatasetMetadata Read(string sourceDirectory)
    {
        var metadataFolder = Path.Combine(sourceDirectory, settings.MetadataFolder);
        var tracksFile = Path.Combine(metadataFolder, TracksFileName);
        if (!File.Exists(tracksFile))
            throw new MetadataException(tracksFile, null, "FMA tracks.csv not found (set pipeline.dataset.fma.metadata-folder or --source)");
        var genres = FmaGenres.Read(Path.Combine(metadataFolder, FmaGenres.FileName));
        var knownTitles = genres.Titles.ToHashSet(StringComparer.Ordinal);

        using var reader = new DelimitedTextReader(tracksFile, ',');
        var header = FmaTracksHeader.Read(reader, tracksFile);
        var tagField = FmaTagSources.NameOf(settings.TagSource);
        var splitColumn = header.Column(SetGroup, SplitField);
        var subsetColumn = header.Column(SetGroup, SubsetField);
        var tagColumn = header.Column(TrackGroup, tagField);
        var durationColumn = header.OptionalColumn(TrackGroup, DurationField);

        var clips = new List<ClipMetadata>();
        var lineOfTrack = new Dictionary<int, long>();
        while (reader.TryRead(out var row))
        {
            var fields = row.Fields;
            if (fields.Count != header.Width)
                throw new MetadataException(tracksFile, row.Line, $"expected {header.Width} fields like the header, found {fields.Count}");

            var rawId = fields[header.IdColumn].Trim();
            if (!int.TryParse(rawId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new MetadataException(tracksFile, row.Line, $"track_id '{rawId}' is not a whole number");
            if (!lineOfTrack.TryAdd(id, row.Line))
                throw new MetadataException(tracksFile, row.Line, $"duplicate track_id {id} (first on line {lineOfTrack[id]})");

            var rawSubset = fields[subsetColumn].Trim();
            if (!TryParseTrackSubset(rawSubset, out var subset))
                throw new MetadataException(tracksFile, row.Line, $"track {id} has (set, subset) '{rawSubset}', expected small, medium or large");
            if (!settings.Subset.Includes(subset))
                continue;

            var split = ParseSplit(tracksFile, row.Line, id, fields[splitColumn].Trim());
            var tags = settings.TagSource == FmaTagSource.GenreTop
                ? TopGenre(tracksFile, row.Line, id, fields[tagColumn].Trim(), knownTitles)
                : GenreTitles(tracksFile, row.Line, id, tagField, fields[tagColumn], genres);
            var stated = durationColumn is { } column ? StatedSeconds(fields[column]) : null;
            clips.Add(new ClipMetadata(id.ToString(CultureInfo.InvariantCulture), AudioPathOf(id), tags, split, stated));
        }

        var audioRoot = Path.Combine(sourceDirectory, "fma_" + FmaSubsets.NameOf(settings.Subset));
        var statedSource = durationColumn is null ? null
            : settings.Subset == FmaSubset.Full ? "FMA's tracks.csv (track, duration)"
            : $"FMA's tracks.csv (track, duration), capped at the {ClipSeconds:0} s of an fma_{FmaSubsets.NameOf(settings.Subset)} clip";
        return new DatasetMetadata("fma", audioRoot, clips, genres.Titles, statedSource);
    }

    /// <summary>A track's duration as its clip's stated length: whole tracks in fma_full, else at most a 30 s clip.</summary>
    private double? StatedSeconds(string field)
    {
        if (!double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var duration) || duration <= 0)
            return null;
        return settings.Subset == FmaSubset.Full ? duration : Math.Min(duration, ClipSeconds);
    }

    /// <summary>NNN/NNNNNN.mp3, the layout of every fma_* audio archive.</summary>
    public static string AudioPathOf(int trackId) =>
        string.Create(CultureInfo.InvariantCulture, $"{trackId / 1000:D3}/{trackId:D6}.mp3");

    // Only the three published subsets occur in the data; 'full' is a choice of reader, not a value of a track.
    private static bool TryParseTrackSubset(string value, out FmaSubset subset) =>
        FmaSubsets.TryParse(value, out subset) && subset != FmaSubset.Full;

    private static Split ParseSplit(string file, long line, int id, string value) => value switch
    {
        "training" => Split.Train,
        "validation" => Split.Valid,
        "test" => Split.Test,
        _ => throw new MetadataException(file, line, $"track {id} has (set, split) '{value}', expected training, validation or test"),
    };

    private static ImmutableArray<string> TopGenre(string file, long line, int id, string title, HashSet<string> knownTitles)
    {
        if (title.Length == 0)
            return [];
        return knownTitles.Contains(title) ? [title]
            : throw new MetadataException(file, line, $"track {id} has (track, genre_top) '{title}', which is not a title in genres.csv");
    }

    private static ImmutableArray<string> GenreTitles(string file, long line, int id, string field, string list, FmaGenres genres)
    {
        if (!FmaGenreIdList.TryParse(list, out var genreIds))
            throw new MetadataException(file, line, $"track {id} has (track, {field}) '{list}', which is not a list of genre ids like [21, 811]");
        var tags = ImmutableArray.CreateBuilder<string>(genreIds.Length);
        foreach (var genreId in genreIds)
        {
            if (!genres.TitleById.TryGetValue(genreId, out var title))
                throw new MetadataException(file, line, $"track {id} has genre id {genreId} in (track, {field}), which genres.csv does not list");
            if (!tags.Contains(title))
                tags.Add(title);
        }
        return tags.ToImmutable();
    }
}
