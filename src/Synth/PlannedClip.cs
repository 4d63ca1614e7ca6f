namespace Pipeline.Synth;

/// <summary>
/// One row of the corpus: its MTAT clip id, its mp3_path (folder/artist-album-NN-track-start-end.mp3), the recipe its
/// music and tags come from, the seed of its tune, and whether it is one of the 0-byte files MTAT also has.
/// </summary>
public sealed record PlannedClip(int ClipId, string RelativePath, ClipRecipe Recipe, int Seed, bool Empty)
{
    public string Folder => RelativePath[..RelativePath.IndexOf('/')];
}
