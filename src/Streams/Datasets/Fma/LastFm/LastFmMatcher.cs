namespace Pipeline.Streams.Datasets.Fma.LastFm;

/// <summary>
/// Matches tracks of one catalogue to another's by normalised artist and title (<see cref="SongKey"/>). Where several
/// tracks share the key, the one nearest in duration wins; where that does not decide (equal distances, or no
/// duration on the track), the lowest track id does, so the same inputs always give the same matches whatever their
/// order. Several tracks may match the same one.
/// </summary>
public static class LastFmMatcher
{
    /// <summary>"artist / title" in normalised form, or "" when either is empty once normalised.</summary>
    public static string KeyOf(SongIdentity song)
    {
        var artist = SongKey.Of(song.Artist);
        var title = SongKey.Of(song.Title);
        return artist.Length == 0 || title.Length == 0 ? "" : artist + " / " + title;
    }

    /// <summary>The match of each of <paramref name="tracks"/> (whose keys are <paramref name="keys"/>) among <paramref name="candidates"/>.</summary>
    public static IReadOnlyList<LastFmMatch> Match(IReadOnlyList<SongIdentity> tracks, IReadOnlyList<string> keys, IEnumerable<SongIdentity> candidates)
    {
        var byKey = candidates
            .GroupBy(KeyOf, StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.TrackId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        return tracks.Select((track, i) => Choose(track, keys[i], byKey)).ToList();
    }

    private static LastFmMatch Choose(SongIdentity track, string key, Dictionary<string, List<SongIdentity>> byKey)
    {
        if (key.Length == 0)
            return new LastFmMatch(LastFmMatchKind.NoName, key, 0, null);
        if (!byKey.TryGetValue(key, out var group))
            return new LastFmMatch(LastFmMatchKind.NoMatch, key, 0, null);
        if (group.Count == 1)
            return new LastFmMatch(LastFmMatchKind.Unique, key, 1, group[0]);
        if (track.Seconds is not { } seconds)
            return new LastFmMatch(LastFmMatchKind.Tie, key, group.Count, group[0]);

        // Stable: among equal distances the lowest track id (the group's order) stays first.
        var nearest = group.OrderBy(s => Distance(s, seconds)).ToList();
        var decided = Distance(nearest[0], seconds) < Distance(nearest[1], seconds);
        return new LastFmMatch(decided ? LastFmMatchKind.Duration : LastFmMatchKind.Tie, key, group.Count, nearest[0]);
    }

    private static double Distance(SongIdentity song, double seconds) =>
        song.Seconds is { } other ? Math.Abs(other - seconds) : double.PositiveInfinity;
}
