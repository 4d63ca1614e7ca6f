namespace Pipeline.Streams.Datasets.Fma;

/// <summary>
/// Which (track, ...) column of tracks.csv gives a track's tags: every genre including the ancestors of the ones
/// the artist picked (genres_all), only the picked genres (genres), or the single top-level genre FMA derived for
/// the track where there is one (genre_top); or, not from tracks.csv, the Last.fm tags of the Million Song Dataset track
/// with the same artist and title (lastfm).
/// </summary>
public enum FmaTagSource
{
    GenresAll,
    Genres,
    GenreTop,
    LastFm,
}

public static class FmaTagSources
{
    public static readonly IReadOnlyList<string> Names = ["genres_all", "genres", "genre_top", "lastfm"];

    /// <summary>The name used in settings, which is also the column's field name in tracks.csv (but for lastfm).</summary>
    public static string NameOf(FmaTagSource source) => source switch
    {
        FmaTagSource.GenresAll => "genres_all",
        FmaTagSource.Genres => "genres",
        FmaTagSource.GenreTop => "genre_top",
        FmaTagSource.LastFm => "lastfm",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static FmaTagSource Parse(string name) => TryParse(name, out var source)
        ? source
        : throw new ArgumentException($"unknown FMA tag source '{name}' ({string.Join(", ", Names)})", nameof(name));

    public static bool TryParse(string name, out FmaTagSource source)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "genres_all": source = FmaTagSource.GenresAll; return true;
            case "genres": source = FmaTagSource.Genres; return true;
            case "genre_top": source = FmaTagSource.GenreTop; return true;
            case "lastfm": source = FmaTagSource.LastFm; return true;
            default: source = default; return false;
        }
    }
}
