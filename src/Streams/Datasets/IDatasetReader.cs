namespace Pipeline.Streams.Datasets;

/// <summary>Reads one dataset's metadata (tags, audio paths, ids, vocabulary) from its source folder.</summary>
public interface IDatasetReader
{
    /// <summary>Reads the metadata under <paramref name="sourceDirectory"/>; throws <see cref="MetadataException"/> on bad input.</summary>
    DatasetMetadata Read(string sourceDirectory);
}
