using Pipeline.Streams.Scoring;
using Pipeline.Streams.Windows;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Streams.Tagging;

/// <summary>
/// The JSON object of one file, as `tag --json` prints it and `tag --output` writes it (one per line): the file, its
/// length, its windows, its top tags; with a timeline, every window's score for every tag; or, for a file that cannot
/// be read, the error. Scores are rounded to 4 decimals.
/// </summary>
public static class TagJson
{
    // File names stay readable (é, not \u00E9); the output is UTF-8 JSON either way.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Line(ClipOutcome outcome, IReadOnlyList<string> tags, int top, WindowShape? timeline, string? plot)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("file", outcome.Clip.AudioPath);
            switch (outcome)
            {
                case ClipScored tagged:
                    WriteTagged(json, tagged, tags, top, timeline, plot);
                    break;
                case ClipNotScored failed:
                    json.WriteString("error", failed.Reason);
                    break;
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Tag indices by score, best first (ties in the model's tag order).</summary>
    public static IEnumerable<int> Ranked(float[] scores) =>
        Enumerable.Range(0, scores.Length).OrderByDescending(t => scores[t]).ThenBy(t => t);

    private static void WriteTagged(Utf8JsonWriter json, ClipScored file, IReadOnlyList<string> tags, int top, WindowShape? timeline, string? plot)
    {
        json.WriteNumber("seconds", Math.Round(file.Seconds, 3));
        json.WriteNumber("windows", file.Windows);
        json.WriteStartArray("tags");
        foreach (var t in Ranked(file.Scores).Take(top))
        {
            json.WriteStartObject();
            json.WriteString("tag", tags[t]);
            json.WriteNumber("score", Rounded(file.Scores[t]));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (timeline is not null && file.Timeline is { } scores)
        {
            json.WriteStartObject("timeline");
            json.WriteNumber("window_seconds", Math.Round(timeline.WindowSeconds, 6));
            json.WriteNumber("hop_seconds", Math.Round(timeline.HopSeconds, 6));
            json.WriteStartArray("tags");
            foreach (var tag in tags)
                json.WriteStringValue(tag);
            json.WriteEndArray();
            json.WriteStartArray("scores");
            for (var window = 0; window < file.Windows; window++)
            {
                json.WriteStartArray();
                for (var t = 0; t < tags.Count; t++)
                    json.WriteNumberValue(Rounded(scores[window * tags.Count + t]));
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (plot is not null)
            json.WriteString("plot", plot);
        if (file.Warnings.Count > 0)
        {
            json.WriteStartArray("warnings");
            foreach (var warning in file.Warnings)
                json.WriteStringValue(warning);
            json.WriteEndArray();
        }
    }

    private static double Rounded(float score) => Math.Round(score, 4);
}
