using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Fma;
using Pipeline.Streams.Datasets.Jamendo;
using Pipeline.Streams.Datasets.Msd;
using Pipeline.Streams.Datasets.Mtat;

namespace Pipeline.Streams.Extraction;

/// <summary>The dataset section of the configuration: selection steps shared by all datasets, then each dataset's own.</summary>
public sealed record DatasetSettings(
    int Seed,
    int Limit,
    int TopTags,
    double ValidFraction,
    double TestFraction,
    MtatSettings Mtat,
    SplitMode MtatSplit,
    FmaSettings Fma,
    SplitMode FmaSplit,
    MsdSettings Msd,
    JamendoSettings Jamendo)
{
    public static IReadOnlyList<string> Names { get; } = ["mtat", "fma", "msd", "jamendo"];

    public IDatasetReader ReaderFor(string dataset) => dataset switch
    {
        "mtat" => new MtatReader(Mtat),
        "fma" => new FmaReader(Fma),
        "msd" => new MsdReader(Msd),
        "jamendo" => new JamendoReader(Jamendo),
        _ => throw new ArgumentException($"unknown dataset '{dataset}'", nameof(dataset)),
    };

    /// <summary>
    /// The selection for one dataset; <paramref name="limitOverride"/> is the command line's --limit. An MTG-Jamendo
    /// subset is its own tag set (87 genre tags, 40 instruments, ... in the published splits), so every tag of it is
    /// kept there, as the benchmark does, whatever top-tags says.
    /// </summary>
    public SelectionSettings SelectionFor(string dataset, int? limitOverride) => new(
        Seed,
        limitOverride ?? Limit,
        dataset == "jamendo" ? null : TopTags,
        dataset switch
        {
            "mtat" => MtatSplit,
            "fma" => FmaSplit,
            "msd" => SplitMode.Random,
            "jamendo" => SplitMode.Published,
            _ => throw new ArgumentException($"unknown dataset '{dataset}'", nameof(dataset)),
        },
        ValidFraction,
        TestFraction);
}
