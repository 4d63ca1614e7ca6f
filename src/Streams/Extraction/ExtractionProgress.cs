namespace Pipeline.Streams.Extraction;

/// <summary>Where an extraction stands: clips handled (decoded, failed or found in the cache) out of the total.</summary>
public readonly record struct ExtractionProgress(int Done, int Total, int Failed, int AlreadyCached);
