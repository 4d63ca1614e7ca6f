using Pipeline.Shared.IO;
using System.Text;
using Pipeline.Streams.Datasets.Text;

namespace Pipeline.Streams.Extraction;

/// <summary>A clip whose audio could not be used, and why.</summary>
public sealed record FailedClip(string ClipId, string Path, string Reason)
{
    /// <summary>Writes failed.tsv: path, reason, clip_id (tabs and line breaks in reasons are flattened).</summary>
    public static void WriteAll(string file, IEnumerable<FailedClip> failures)
    {
        var text = new StringBuilder("path\treason\tclip_id\n");
        foreach (var f in failures)
            text.Append(TsvField.Clean(f.Path)).Append('\t').Append(TsvField.Clean(f.Reason)).Append('\t').Append(TsvField.Clean(f.ClipId)).Append('\n');
        AtomicFile.WriteAllText(file, text.ToString());
    }
}
