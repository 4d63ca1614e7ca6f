using System.Collections.Immutable;
using System.Globalization;
using Pipeline.Streams.Datasets.Fma.LastFm;
using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Datasets.Fma;

/// <summary>
/// Reads the Free Music Archive's metadata (tracks.csv with its three-row header, genres.csv) for one subset.
/// Tags are genre titles from the configured column, or Last.fm tags matched by (artist, name) and (track, title)
/// (<see cref="FmaLastFmTags"/>); the published split comes from (set, split); the audio of
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
    public const string TitleField = "title";
    public const string ArtistGroup = "artist";
    public const string NameField = "name";

    /// <summary>The small, medium and large subsets hold 30 s clips of the tracks; full holds whole tracks.</summary>
    public const double ClipSeconds = 30;

    public DatasetMetadata Read(string sourceDirectory)
    {
        var metadataFolder = Path.Combine(sourceDirectory, settings.MetadataFolder);
        var tracksFile = Path.Combine(metadataFolder, TracksFileName);
        if (!File.Exists(tracksFile))
            throw new MetadataException(tracksFile, null, "FMA tracks.csv not found (set pipeline.dataset.fma.metadata-folder or --source)");
        var lastFm = settings.TagSource == FmaTagSource.LastFm;
        var genres = lastFm ? null : FmaGenres.Read(Path.Combine(metadataFolder, FmaGenres.FileName));
        var knownTitles = genres?.Titles.ToHashSet(StringComparer.Ordinal);

        using var reader = new DelimitedTextReader(tracksFile, ',');
        var header = FmaTracksHeader.Read(reader, tracksFile);
        var tagField = FmaTagSources.NameOf(settings.TagSource);
        var splitColumn = header.Column(SetGroup, SplitField);
        var subsetColumn = header.Column(SetGroup, SubsetField);
        var tagColumn = lastFm ? -1 : header.Column(TrackGroup, tagField);
        var (artistColumn, titleColumn) = lastFm ? (header.Column(ArtistGroup, NameField), header.Column(TrackGroup, TitleField)) : (-1, -1);
        var durationColumn = header.OptionalColumn(TrackGroup, DurationField);

        var clips = new List<ClipMetadata>();
        var songs = new List<SongIdentity>();
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
            ImmutableArray<string> tags = settings.TagSource switch
            {
                FmaTagSource.LastFm => [],
                FmaTagSource.GenreTop => TopGenre(tracksFile, row.Line, id, fields[tagColumn].Trim(), knownTitles!),
                _ => GenreTitles(tracksFile, row.Line, id, tagField, fields[tagColumn], genres!),
            };
            var duration = durationColumn is { } column ? Duration(fields[column]) : null;
            var trackId = id.ToString(CultureInfo.InvariantCulture);
            if (lastFm)
                songs.Add(new SongIdentity(trackId, fields[artistColumn].Trim(), fields[titleColumn].Trim(), duration));
            clips.Add(new ClipMetadata(trackId, AudioPathOf(id), tags, split, StatedSeconds(duration)));
        }

        var audioRoot = Path.Combine(sourceDirectory, "fma_" + FmaSubsets.NameOf(settings.Subset));
        var statedSource = durationColumn is null ? null
            : settings.Subset == FmaSubset.Full ? "FMA's tracks.csv (track, duration)"
            : $"FMA's tracks.csv (track, duration), capped at the {ClipSeconds:0} s of an fma_{FmaSubsets.NameOf(settings.Subset)} clip";
        return lastFm
            ? WithLastFmTags(new DatasetMetadata("fma", audioRoot, clips, [], statedSource), metadataFolder, songs)
            : new DatasetMetadata("fma", audioRoot, clips, genres!.Titles, statedSource);
    }

    private DatasetMetadata WithLastFmTags(DatasetMetadata metadata, string metadataFolder, IReadOnlyList<SongIdentity> songs)
    {
        var lastFm = FmaLastFmTags.Read(metadataFolder, settings.LastFm, songs);
        var clips = metadata.Clips.Select((clip, i) => clip with { Tags = lastFm.TagsOfTrack[i] }).ToList();
        return metadata with { Clips = clips, Vocabulary = lastFm.Vocabulary, Reports = [lastFm.Report] };
    }

    private static double? Duration(string field) =>
        double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var duration) && duration > 0 ? duration : null;

    /// <summary>A track's duration as its clip's stated length: whole tracks in fma_full, else at most a 30 s clip.</summary>
    private double? StatedSeconds(double? duration) =>
        duration is not { } seconds ? null : settings.Subset == FmaSubset.Full ? seconds : Math.Min(seconds, ClipSeconds);

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
