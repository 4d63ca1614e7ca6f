using System.Collections.Immutable;

namespace Pipeline.Synth;

/// <summary>The whole corpus before any audio exists: every clip in clip-id order. The same seed gives the same plan.</summary>
public sealed record CorpusPlan(int Seed, ImmutableArray<PlannedClip> Clips, ImmutableArray<string> Vocabulary)
{
    /// <summary>MTAT's folders: 0..b train, c valid, d..f test in the published split.</summary>
    public static readonly ImmutableArray<string> Folders = [.. "0123456789abcdef".Select(c => c.ToString())];

    /// <summary>
    /// The folders of each split of the published MTAT split (Lee et al. 2017: 0-b train, c valid, d-f test), which
    /// every style's albums are spread over, so that the corpus works with that split as the real one does.
    /// </summary>
    public static readonly ImmutableArray<string> PublishedSplitFolders = ["0123456789ab", "c", "def"];

    /// <summary>The real MTAT has three 0-byte MP3s listed in its annotations; the corpus copies that.</summary>
    public const int EmptyClips = 3;

    public int AudibleClips => Clips.Count(c => !c.Empty);

    /// <summary>How many clips carry each tag of the corpus's <see cref="Vocabulary"/>.</summary>
    public ImmutableArray<(string Tag, int Clips)> TagCounts =>
        [.. Vocabulary.Select(tag => (tag, Clips.Count(c => c.Recipe.Tags.Contains(tag))))];
}
