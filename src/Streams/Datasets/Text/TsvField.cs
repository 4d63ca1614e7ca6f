namespace Pipeline.Streams.Datasets.Text;

/// <summary>A value written into one field of a report TSV: tabs and line breaks in it become spaces, so rows stay rows.</summary>
public static class TsvField
{
    public static string Clean(string value) => value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
