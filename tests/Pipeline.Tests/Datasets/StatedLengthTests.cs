using Pipeline.Streams.Audio;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Fma;
using Pipeline.Streams.Datasets.Mtat;
using Pipeline.Streams.Extraction;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Datasets;

/// <summary>
/// The length each dataset states for its clips, independently of the files (MTAT's clip names, FMA's track
/// durations), which decoding holds each file to; and its way through the extraction archive.
/// </summary>
public sealed class StatedLengthTests : IDisposable
{
    private readonly TempDirectory _dir = new("stated-length");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("f/joram-moments_of_clarity-08-solipsism-59-88.mp3", 29.0)]
    [InlineData("0/american_bach_soloists-j_s__bach_solo_cantatas-01-bwv54__i_aria-0-29.mp3", 29.0)]
    [InlineData("c/some-artist-02-a-b-c-233-262.MP3", 29.0)]
    [InlineData("1/no_range_here.mp3", null)]
    [InlineData("2/backwards-30-10.mp3", null)]
    public void An_mtat_clip_name_states_the_length_of_its_range(string path, double? seconds)
    {
        Assert.Equal(seconds, MtatClipName.StatedSeconds(path));
    }

    [Theory]
    [InlineData(FmaSubset.Medium, "168", 30.0)]
    [InlineData(FmaSubset.Medium, "12", 12.0)]
    [InlineData(FmaSubset.Full, "168", 168.0)]
    [InlineData(FmaSubset.Full, "", null)]
    public void Fma_states_a_tracks_duration_capped_at_the_30_s_of_a_clip_except_in_the_full_subset(FmaSubset subset, string duration, double? seconds)
    {
        FmaFixture.Write(_dir.Path, [new FmaTrack(2, "small", "training", [21], [21], "Hip-Hop")
        {
            Overrides = new Dictionary<(string Group, string Field), string> { [("track", "duration")] = duration },
        }]);

        var metadata = new FmaReader(TestSettings.Defaults.Dataset.Fma with { Subset = subset }).Read(_dir.Path);

        Assert.Equal(seconds, metadata.Clips.Single().StatedSeconds);
        Assert.Contains("(track, duration)", metadata.StatedLengthSource);
    }

    [Fact]
    public void A_tracks_csv_without_a_duration_column_states_no_length()
    {
        FmaFixture.Write(_dir.Path, [new FmaTrack(2, "small", "training", [21], [21], "Hip-Hop")],
            columns: FmaFixture.RealColumns.Where(c => c != ("track", "duration")).ToList());

        var metadata = new FmaReader(TestSettings.Defaults.Dataset.Fma).Read(_dir.Path);

        Assert.Null(metadata.Clips.Single().StatedSeconds);
        Assert.Null(metadata.StatedLengthSource);
    }

    [Fact]
    public void The_archive_keeps_each_clips_stated_length_and_where_it_comes_from()
    {
        var clips = new[]
        {
            new ClipMetadata("1", "a/x-59-88.mp3", ["rock"], Split.Train, 29),
            new ClipMetadata("2", "a/y.mp3", ["rock"], Split.Valid, null),
            new ClipMetadata("3", "a/z-0-29.mp3", ["rock"], Split.Test, 29),
        };
        var dataset = new DatasetMetadata("mtat", _dir.Path, clips, ["rock"], MtatClipName.StatedLengthSource);
        var selection = TestSettings.Defaults.Dataset.SelectionFor("mtat", null);
        ArchiveWriter.Write(_dir.File("archive"), ExtractionPlanner.Plan(dataset, selection), selection);

        var archive = ExtractedDataset.Open(_dir.File("archive"));

        Assert.Equal(new StatedLength(29, MtatClipName.StatedLengthSource), archive.Clips(Split.Train).Single().StatedLength);
        Assert.Null(archive.Clips(Split.Valid).Single().StatedLength);
        Assert.Equal("clip_id\tpath\ttags\tstated_seconds", File.ReadLines(_dir.File("archive/train.tsv")).First());
    }
}
