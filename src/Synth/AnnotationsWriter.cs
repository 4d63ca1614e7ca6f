using System.Globalization;
using System.Text;

namespace Pipeline.Synth;

/// <summary>
/// Writes annotations_final.csv exactly as MagnaTagATune ships it: tab separated, every field in double quotes, a
/// header of clip_id, the 188 tags in MTAT's order and mp3_path, then one row per clip with "0"/"1" per tag.
/// Written to a temporary name and renamed, so a reader never sees half a file.
/// </summary>
public static class AnnotationsWriter
{
    public const string FileName = "annotations_final.csv";

    public static string Write(string directory, CorpusPlan plan)
    {
        var path = Path.Combine(directory, FileName);
        var temporary = Path.Combine(directory, $".{FileName}.partial");
        File.WriteAllText(temporary, Render(plan), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    public static string Render(CorpusPlan plan)
    {
        var text = new StringBuilder();
        AppendRow(text, ["clip_id", .. MtatVocabulary.Tags, "mp3_path"]);
        foreach (var clip in plan.Clips)
        {
            var tags = clip.Recipe.Tags.ToHashSet(StringComparer.Ordinal);
            AppendRow(text,
            [
                clip.ClipId.ToString(CultureInfo.InvariantCulture),
                .. MtatVocabulary.Tags.Select(tag => tags.Contains(tag) ? "1" : "0"),
                clip.RelativePath,
            ]);
        }
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Contains('"') || fields[i].Contains('\t') || fields[i].Contains('\n'))
                throw new ArgumentException($"field '{fields[i]}' cannot be written unescaped in MTAT's format");
            if (i > 0)
                text.Append('\t');
            text.Append('"').Append(fields[i]).Append('"');
        }
        text.Append('\n');
    }
}
