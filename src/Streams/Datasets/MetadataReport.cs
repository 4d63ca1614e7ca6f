namespace Pipeline.Streams.Datasets;

/// <summary>
/// A file a reader wants in the extraction folder beside the archive (such as lastfm-match.tsv: how FMA tracks were
/// matched to Last.fm tags), and the one-line summary of it for the log and the command's output.
/// </summary>
public sealed record MetadataReport(string FileName, string Text, string Summary);
