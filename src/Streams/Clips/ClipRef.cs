using System.Collections.Immutable;
using Pipeline.Streams.Audio;

namespace Pipeline.Streams.Clips;

/// <summary>
/// A clip: one audio file a job reads (a dataset's clip, or a file given to `tag` or `embed`). Its position in the
/// job (stable across epochs: seeds and the regrouping of windows per clip use it), its id (the dataset's, or the
/// path), where its audio file is, its multi-hot labels (none when tagging), and the length its dataset states (a
/// file that decodes to less is truncated).
/// </summary>
public sealed record ClipRef(int Index, string Id, string AudioPath, ImmutableArray<float> Labels, StatedLength? StatedLength = null)
{
    /// <summary>A file to tag or embed: its id is its path, and it has no labels.</summary>
    public static ClipRef File(int index, string path) => new(index, path, path, []);
}
