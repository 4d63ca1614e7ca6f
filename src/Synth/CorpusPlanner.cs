using System.Collections.Immutable;
using Pipeline.Shared.Random;

namespace Pipeline.Synth;

/// <summary>
/// Lays out a corpus the way MTAT is laid out: albums of one artist and style, tracks of one recipe, and one to three
/// consecutive 29.1 s clips per track with consecutive clip ids. Styles take turns by how many clips they have so far,
/// so every style (and every tag) is about equally common. A whole album goes into one folder, so the clips of a
/// track never straddle the train/valid/test split; albums are shared out among the splits in proportion to their
/// folders (12 : 1 : 3), balancing each style and the corpus as a whole, so valid and test hear every style, and
/// within a split an album goes to the folder with the fewest albums of its style, then the fewest clips.
/// </summary>
public static class CorpusPlanner
{
    private const int FirstClipId = 2;

    /// <summary>A corpus of the demo's genre styles (<see cref="Styles.All"/>).</summary>
    public static CorpusPlan Plan(int audibleClips, int seed) => Plan(audibleClips, seed, Styles.All);

    public static CorpusPlan Plan(int audibleClips, int seed, ImmutableArray<Style> styles)
    {
        if (audibleClips < 1)
            throw new ArgumentOutOfRangeException(nameof(audibleClips), audibleClips, "a corpus needs at least one clip");
        var random = Seeds.Random(SeedStream.CorpusPlan, seed);
        var names = new NameMaker(random);
        var total = audibleClips + CorpusPlan.EmptyClips;
        var folders = CorpusPlan.Folders.Length;
        var clipsInFolder = new int[folders];
        var clipsOfStyle = styles.ToDictionary(s => s.Name, _ => 0);
        var albumsOfStyleInFolder = new Dictionary<(int Folder, string Style), int>();
        var clipsOfStyleInSplit = new Dictionary<(int Split, string Style), int>();
        var splits = CorpusPlan.PublishedSplitFolders
            .Select(letters => letters.Select(c => CorpusPlan.Folders.IndexOf(c.ToString())).ToArray())
            .ToArray();
        var clipsInSplit = new int[splits.Length];
        double Share(int split) => (double)splits[split].Length / folders;
        var albumNames = new HashSet<string>(StringComparer.Ordinal);
        var layout = new List<(string Path, ClipRecipe Recipe)>(total);

        while (layout.Count < total)
        {
            var style = styles
                .Select(s => (Style: s, Tiebreak: random.Next()))
                .OrderBy(s => clipsOfStyle[s.Style.Name] / s.Style.Weight)
                .ThenBy(s => s.Tiebreak)
                .First().Style;
            string artistAndAlbum;
            do artistAndAlbum = $"{NameMaker.Spell(names.Artist())}-{NameMaker.Spell(names.Album())}";
            while (!albumNames.Add(artistAndAlbum));

            var tracks = new List<(string Name, ClipRecipe Recipe, int Clips)>();
            var albumClips = 0;
            for (var track = random.Between(1, 4); track > 0 && layout.Count + albumClips < total; track--)
            {
                var clips = Math.Min(random.Between(1, 3), total - layout.Count - albumClips);
                tracks.Add((NameMaker.Spell(names.Track()), ClipRecipe.Draw(style, random), clips));
                albumClips += clips;
            }

            // The album goes to the split that is owed the most clips, counting what its style is owed there and what
            // the whole corpus is owed there (12 : 1 : 3 by folders). The style term spreads every style over the
            // splits once a style has enough albums; the corpus term makes sure small corpora still get valid and
            // test clips when each style has only an album or two.
            var styleClips = Enumerable.Range(0, splits.Length).Sum(s => clipsOfStyleInSplit.GetValueOrDefault((s, style.Name))) + albumClips;
            var corpusClips = clipsInSplit.Sum() + albumClips;
            var split = Enumerable.Range(0, splits.Length)
                .OrderByDescending(s =>
                    styleClips * Share(s) - clipsOfStyleInSplit.GetValueOrDefault((s, style.Name)) +
                    corpusClips * Share(s) - clipsInSplit[s])
                .First();
            clipsOfStyleInSplit[(split, style.Name)] = clipsOfStyleInSplit.GetValueOrDefault((split, style.Name)) + albumClips;
            clipsInSplit[split] += albumClips;
            var folder = splits[split]
                .Select(f => (Folder: f, Tiebreak: random.Next()))
                .OrderBy(f => albumsOfStyleInFolder.GetValueOrDefault((f.Folder, style.Name)))
                .ThenBy(f => clipsInFolder[f.Folder])
                .ThenBy(f => f.Tiebreak)
                .First().Folder;
            albumsOfStyleInFolder[(folder, style.Name)] = albumsOfStyleInFolder.GetValueOrDefault((folder, style.Name)) + 1;
            clipsInFolder[folder] += albumClips;
            clipsOfStyle[style.Name] += albumClips;

            for (var t = 0; t < tracks.Count; t++)
            {
                for (var clip = 0; clip < tracks[t].Clips; clip++)
                {
                    var path = $"{CorpusPlan.Folders[folder]}/{artistAndAlbum}-{t + 1:00}-{tracks[t].Name}-{MtatClipFormat.SegmentName(clip)}.mp3";
                    layout.Add((path, tracks[t].Recipe));
                }
            }
        }

        var empty = new HashSet<int>();
        while (empty.Count < CorpusPlan.EmptyClips)
            empty.Add(random.Next(total));

        var planned = ImmutableArray.CreateBuilder<PlannedClip>(total);
        var id = FirstClipId;
        for (var i = 0; i < total; i++)
        {
            // MTAT's ids have gaps (2, 6, 10, 11, 12, ...): clips were dropped after the ids were given.
            if (i > 0)
                id += random.Between(1, 4);
            planned.Add(new PlannedClip(id, layout[i].Path, layout[i].Recipe, Seeds.For(SeedStream.ClipMusic, seed, i), empty.Contains(i)));
        }
        return new CorpusPlan(seed, planned.MoveToImmutable(), StyleVocabulary(styles));
    }

    /// <summary>Every tag a clip of these styles can carry, in MTAT's column order.</summary>
    public static ImmutableArray<string> StyleVocabulary(IEnumerable<Style> styles) =>
    [
        .. styles.SelectMany(s => s.Tags.Concat(s.Arrangements.SelectMany(a => a.Tags)))
            .Concat(["slow", "fast", "quiet", "loud"])
            .Distinct()
            .OrderBy(t => MtatVocabulary.Tags.IndexOf(t)),
    ];
}
