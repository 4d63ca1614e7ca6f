using System.Globalization;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Fma;
using Pipeline.Streams.Datasets.Fma.LastFm;
using Pipeline.Streams.Datasets.Jamendo;
using Pipeline.Streams.Datasets.Msd;
using Pipeline.Streams.Datasets.Mtat;
using Pipeline.Streams.Extraction;

namespace Pipeline.Host.Configuration;

/// <summary>Reads and validates pipeline.dataset: the selection steps, then each dataset's own section.</summary>
public static class DatasetSettingsReader
{
    public static DatasetSettings Read(SettingsReader r)
    {
        var validFraction = r.Double("pipeline.dataset.valid-fraction", 0, 1);
        var testFraction = r.Double("pipeline.dataset.test-fraction", 0, 1);
        if (validFraction + testFraction >= 1)
            throw r.Problem("pipeline.dataset.test-fraction", testFraction.ToString(CultureInfo.InvariantCulture),
                "valid-fraction + test-fraction must leave some clips for training (sum below 1)");
        return new DatasetSettings(
            Seed: r.Int("pipeline.dataset.seed"),
            Limit: r.Int("pipeline.dataset.limit", min: -1),
            TopTags: r.Int("pipeline.dataset.top-tags", min: 1, max: 100_000),
            ValidFraction: validFraction,
            TestFraction: testFraction,
            Mtat: new MtatSettings(
                AnnotationsFile: r.String("pipeline.dataset.mtat.annotations"),
                TrainFolders: r.String("pipeline.dataset.mtat.train-folders"),
                ValidFolders: r.String("pipeline.dataset.mtat.valid-folders"),
                TestFolders: r.String("pipeline.dataset.mtat.test-folders")),
            MtatSplit: r.Choice("pipeline.dataset.mtat.split", new Dictionary<string, SplitMode>
            {
                ["folders"] = SplitMode.Published,
                ["random"] = SplitMode.Random,
            }),
            Fma: ReadFma(r),
            FmaSplit: r.Choice("pipeline.dataset.fma.split", new Dictionary<string, SplitMode>
            {
                ["published"] = SplitMode.Published,
                ["random"] = SplitMode.Random,
            }),
            Msd: new MsdSettings(
                DatabaseFile: r.String("pipeline.dataset.msd.database"),
                PathMapFile: r.String("pipeline.dataset.msd.path-map"),
                MinTagValue: r.Double("pipeline.dataset.msd.min-tag-value", 0, 100)),
            Jamendo: new JamendoSettings(
                DataFolder: r.String("pipeline.dataset.jamendo.data-folder"),
                Subset: r.Choice("pipeline.dataset.jamendo.subset", JamendoSubsets.Names.ToDictionary(n => n, JamendoSubsets.Parse)),
                Split: r.Int("pipeline.dataset.jamendo.split", min: 0, max: JamendoSettings.SplitCount - 1),
                LowQualityAudio: r.Choice("pipeline.dataset.jamendo.audio", new Dictionary<string, bool>
                {
                    ["full"] = false,
                    ["low"] = true,
                })));
    }

    private static FmaSettings ReadFma(SettingsReader r) => new(
        MetadataFolder: r.String("pipeline.dataset.fma.metadata-folder"),
        Subset: r.Choice("pipeline.dataset.fma.subset", FmaSubsets.Names.ToDictionary(n => n, FmaSubsets.Parse)),
        TagSource: r.Choice("pipeline.dataset.fma.tag-source", FmaTagSources.Names.ToDictionary(n => n, FmaTagSources.Parse)),
        LastFm: new FmaLastFmSettings(
            TrackMetadataFile: r.String("pipeline.dataset.fma.lastfm.track-metadata"),
            TagDatabaseFile: r.String("pipeline.dataset.fma.lastfm.tags"),
            MinTagValue: r.Double("pipeline.dataset.fma.lastfm.min-tag-value", 0, 100)));
}
