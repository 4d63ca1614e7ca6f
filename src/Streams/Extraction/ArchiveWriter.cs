using Pipeline.Shared.IO;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Streams.Datasets;
using Pipeline.Streams.IO;

namespace Pipeline.Streams.Extraction;

/// <summary>
/// Writes the metadata archive of a plan: tags.txt, per split a clip list (TSV) and a uint8 label matrix (.npy),
/// and dataset.json (where the audio is and how the archive was made). Each file is written atomically.
/// </summary>
public static class ArchiveWriter
{
    public const char TagSeparator = ';';

    public static void Write(string directory, ExtractionPlan plan, SelectionSettings settings)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, ArchiveFiles.Tags), string.Concat(plan.Tags.Select(t => t + "\n")));

        var column = plan.Tags.Select((tag, i) => (tag, i)).ToDictionary(t => t.tag, t => t.i, StringComparer.Ordinal);
        foreach (var split in SplitNames.All)
        {
            var clips = plan.ClipsOf(split);
            var list = new StringBuilder("clip_id\tpath\ttags\tstated_seconds\n");
            var labels = new byte[clips.Count * plan.Tags.Count];
            for (var row = 0; row < clips.Count; row++)
            {
                var clip = clips[row];
                list.Append(clip.Clip.Id).Append('\t').Append(clip.Clip.AudioPath).Append('\t')
                    .Append(string.Join(TagSeparator, clip.Tags)).Append('\t')
                    .Append(clip.Clip.StatedSeconds?.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                foreach (var tag in clip.Tags)
                    labels[row * plan.Tags.Count + column[tag]] = 1;
            }
            AtomicFile.WriteAllText(Path.Combine(directory, ArchiveFiles.ClipList(split)), list.ToString());
            NpyFile.WriteUInt8Matrix(Path.Combine(directory, ArchiveFiles.Labels(split)), labels, clips.Count, plan.Tags.Count);
        }

        var info = new Dictionary<string, object?>
        {
            ["dataset"] = plan.Dataset.Name,
            ["audio_root"] = Path.GetFullPath(plan.Dataset.AudioRoot),
            ["seed"] = settings.Seed,
            ["limit"] = settings.Limit,
            ["top_tags"] = settings.TopTags,
            ["split"] = settings.Split.ToString().ToLowerInvariant(),
            ["stated_length_source"] = plan.Dataset.StatedLengthSource,
        };
        AtomicFile.WriteAllText(Path.Combine(directory, ArchiveFiles.Dataset),
            JsonSerializer.Serialize(info, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
