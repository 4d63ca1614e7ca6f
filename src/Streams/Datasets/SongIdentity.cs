namespace Pipeline.Streams.Datasets;

/// <summary>A track as catalogues name it: its id there, artist, title, and its duration in seconds when stated.</summary>
public sealed record SongIdentity(string TrackId, string Artist, string Title, double? Seconds);
