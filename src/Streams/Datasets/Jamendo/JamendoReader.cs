using System.Globalization;

namespace Pipeline.Streams.Datasets.Jamendo;

/// <summary>
/// Reads MTG-Jamendo (github.com/MTG/mtg-jamendo-dataset) for one tag set and one published split: the three files
/// data/splits/split-N/&lt;stem&gt;-train.tsv, -validation.tsv and -test.tsv, used as they are (train, valid, test).
/// Tags keep their names (genre---rock, mood/theme---happy); each track's PATH (82/382.mp3) is relative to the source
/// folder, where the dataset's download script unpacks the audio; DURATION is the whole track's length in seconds.
/// </summary>
public sealed class JamendoReader(JamendoSettings settings) : IDatasetReader
{
    public const string SplitsFolder = "splits";
    public const string StatedLengthSource = "MTG-Jamendo's DURATION column";

    /// <summary>The split files' suffixes, in the order their clips are listed.</summary>
    public static readonly IReadOnlyList<(string Suffix, Split Split)> SplitFiles =
        [("train", Split.Train), ("validation", Split.Valid), ("test", Split.Test)];

    public DatasetMetadata Read(string sourceDirectory)
    {
        var splitFolder = SplitFolder(sourceDirectory);
        var clips = new List<ClipMetadata>();
        var fileOfTrack = new Dictionary<string, (string File, long Line)>(StringComparer.Ordinal);
        foreach (var (suffix, split) in SplitFiles)
        {
            var file = Path.Combine(splitFolder, $"{JamendoSubsets.FileStem(settings.Subset)}-{suffix}.tsv");
            if (!File.Exists(file))
                throw new MetadataException(file, null,
                    $"the {suffix} file of MTG-Jamendo's split {settings.Split} for the tag set '{JamendoSubsets.NameOf(settings.Subset)}' is missing " +
                    $"(each split folder holds {JamendoSubsets.FileStem(settings.Subset)}-train.tsv, -validation.tsv and -test.tsv)");
            foreach (var row in JamendoSplitFile.Read(file))
            {
                // The published splits are disjoint; a track in two of them would be trained and tested on.
                if (!fileOfTrack.TryAdd(row.TrackId, (file, row.Line)))
                    throw new MetadataException(file, row.Line,
                        $"track {row.TrackId} is also in {fileOfTrack[row.TrackId].File}:{fileOfTrack[row.TrackId].Line}; the split files must not share tracks");
                clips.Add(new ClipMetadata(row.TrackId, AudioPathOf(row.AudioPath), row.Tags, split, row.Seconds));
            }
        }
        var vocabulary = clips.SelectMany(c => c.Tags).Distinct().Order(StringComparer.Ordinal).ToList();
        return new DatasetMetadata("jamendo", sourceDirectory, clips, vocabulary, StatedLengthSource);
    }

    /// <summary>The low-quality download names the same track NN/ID.low.mp3 where PATH says NN/ID.mp3.</summary>
    private string AudioPathOf(string path) =>
        settings.LowQualityAudio && path.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase) ? path[..^4] + ".low.mp3" : path;

    private string SplitFolder(string sourceDirectory)
    {
        var data = Path.Combine(sourceDirectory, settings.DataFolder);
        var splits = Path.Combine(data, SplitsFolder);
        if (!Directory.Exists(splits))
            throw new MetadataException(splits, null,
                "MTG-Jamendo's split folder not found: --source must hold the dataset repository's data folder " +
                "(or set pipeline.dataset.jamendo.data-folder to it)");
        var folder = Path.Combine(splits, "split-" + settings.Split.ToString(CultureInfo.InvariantCulture));
        if (!Directory.Exists(folder))
        {
            var present = Directory.EnumerateDirectories(splits, "split-*").Select(Path.GetFileName).Order(StringComparer.Ordinal);
            throw new MetadataException(folder, null,
                $"split {settings.Split} not found (pipeline.dataset.jamendo.split); {splits} holds: {string.Join(", ", present.DefaultIfEmpty("nothing"))}");
        }
        return folder;
    }
}
