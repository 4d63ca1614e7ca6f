using Pipeline.Streams.Datasets;
using Pipeline.Streams.Datasets.Fma.LastFm;

namespace Pipeline.Tests.Datasets.LastFm;

public sealed class LastFmMatcherTests
{
    private static readonly SongIdentity[] Msd =
    [
        new("TRAAAAW128F429D538", "The Beatles", "Yesterday (Remastered 2009)", 125.77424),
        new("TRBBBBB128F42AAAA1", "AWOL", "Food", 168.4),
        // Three MSD tracks share "Intro" by Casiotone; 201 s and 207 s are equally far from 204 s.
        new("TRCCCC3128F4200003", "Casiotone", "Intro", 60.1),
        new("TRCCCC1128F4200001", "Casiotone", "Intro", 207),
        new("TRCCCC2128F4200002", "Casiotone", "Intro (Album Version)", 201),
        new("TRDDDDD128F4200000", "Other Artist", "Food", 168),
    ];

    private static IReadOnlyList<LastFmMatch> Match(IReadOnlyList<SongIdentity> tracks, IEnumerable<SongIdentity>? candidates = null) =>
        LastFmMatcher.Match(tracks, tracks.Select(LastFmMatcher.KeyOf).ToList(), candidates ?? Msd);

    [Fact]
    public void A_normalised_artist_and_title_with_one_msd_track_is_a_unique_match_whatever_the_duration()
    {
        var match = Match([new("2", "Beatles", "yesterday", 300)]).Single();

        Assert.Equal(LastFmMatchKind.Unique, match.Kind);
        Assert.Equal("TRAAAAW128F429D538", match.Song!.TrackId);
        Assert.Equal(1, match.Candidates);
        Assert.Equal("beatles / yesterday", match.Key);
    }

    [Fact]
    public void Where_titles_collide_the_nearest_duration_wins()
    {
        var matches = Match([new("3", "Casiotone", "Intro", 65), new("4", "casiotone", "INTRO", 200)]);

        Assert.All(matches, m => Assert.Equal(LastFmMatchKind.Duration, m.Kind));
        Assert.All(matches, m => Assert.Equal(3, m.Candidates));
        Assert.Equal(["TRCCCC3128F4200003", "TRCCCC2128F4200002"], matches.Select(m => m.Song!.TrackId));
    }

    [Fact]
    public void Equal_distances_go_to_the_lowest_msd_track_id_in_any_input_order()
    {
        var track = new SongIdentity("5", "Casiotone", "Intro", 204);

        var forward = Match([track]).Single();
        var backward = Match([track], Msd.Reverse()).Single();

        Assert.Equal(LastFmMatchKind.Tie, forward.Kind);
        Assert.Equal("TRCCCC1128F4200001", forward.Song!.TrackId);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void A_track_without_a_duration_takes_the_lowest_msd_track_id_of_a_collision()
    {
        var match = Match([new("6", "Casiotone", "Intro", null)]).Single();

        Assert.Equal(LastFmMatchKind.Tie, match.Kind);
        Assert.Equal("TRCCCC1128F4200001", match.Song!.TrackId);
    }

    [Fact]
    public void A_candidate_without_a_duration_loses_to_one_with_a_duration()
    {
        SongIdentity[] candidates = [new("TRA", "X", "Y", null), new("TRB", "X", "Y", 500)];

        var match = Match([new("7", "X", "Y", 100)], candidates).Single();

        Assert.Equal(LastFmMatchKind.Duration, match.Kind);
        Assert.Equal("TRB", match.Song!.TrackId);
    }

    [Fact]
    public void The_artist_must_match_as_well_as_the_title()
    {
        var matches = Match([new("8", "Nobody", "Food", 168), new("9", "AWOL", "Food", 1)]);

        Assert.Equal(LastFmMatchKind.NoMatch, matches[0].Kind);
        Assert.Null(matches[0].Song);
        Assert.Equal("TRBBBBB128F42AAAA1", matches[1].Song!.TrackId);
    }

    [Fact]
    public void A_track_whose_artist_or_title_normalises_to_nothing_is_not_matched()
    {
        SongIdentity[] candidates = [new("TRE", "AWOL", "", 1), new("TRF", "", "Food", 1)];

        var matches = Match([new("10", "AWOL", "(Remix)", 1), new("11", "...", "Food", 1)], candidates);

        Assert.All(matches, m => Assert.Equal(LastFmMatchKind.NoName, m.Kind));
        Assert.All(matches, m => Assert.Null(m.Song));
    }
}
