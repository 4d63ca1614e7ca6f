using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Fma;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Datasets;

/// <summary>An FMA source folder per test and the four tracks the FMA reader tests share.</summary>
public abstract class FmaReaderTestBase : IDisposable
{
    protected readonly TempDirectory _dir = new("fma-reader");

    public void Dispose() => _dir.Dispose();

    // Small within medium within large: 2 and 5 are small, 140 is medium, 12345 is large.
    protected static readonly FmaTrack[] Tracks =
    [
        new(2, "small", "training", Genres: [21], GenresAll: [21], GenreTop: "Hip-Hop"),
        new(5, "small", "validation", Genres: [811], GenresAll: [811, 21], GenreTop: "Hip-Hop"),
        new(140, "medium", "test", Genres: [236, 76], GenresAll: [236, 15, 76, 10], GenreTop: ""),
        new(12345, "large", "training", Genres: [25], GenresAll: [25, 12], GenreTop: "Rock"),
    ];

    protected string TracksFile => Path.Combine(_dir.Path, "fma_metadata", "tracks.csv");

    protected DatasetMetadata Read(FmaSubset subset = FmaSubset.Large, FmaTagSource tags = FmaTagSource.GenresAll) =>
        new FmaReader(TestSettings.Defaults.Dataset.Fma with { Subset = subset, TagSource = tags }).Read(_dir.Path);

    protected static Dictionary<string, string[]> TagsById(DatasetMetadata metadata) =>
        metadata.Clips.ToDictionary(c => c.Id, c => c.Tags.ToArray());

    protected long LineOfTrack(int id) =>
        Array.FindIndex(File.ReadAllLines(TracksFile), l => l.StartsWith($"{id},", StringComparison.Ordinal)) + 1;
}
