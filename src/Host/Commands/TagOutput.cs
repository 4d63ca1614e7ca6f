using System.Security.Cryptography;
using System.Text;
using Pipeline.Model.Evaluation;
using Pipeline.Streams.Scoring;
using Pipeline.Streams.Tagging;
using Pipeline.Streams.Windows;

namespace Pipeline.Host.Commands;

/// <summary>
/// Where `tag` puts each file's outcome as it completes: a line in the --output journal; with --json, an element of
/// the JSON document on stdout ({"files": [...], "errors": [...]}, the files streamed as they come); otherwise, when
/// there is no journal, the top tags as text on stdout. Errors also go to stderr, one line each. With a plot folder,
/// each tagged file's timeline is drawn there.
/// </summary>
public sealed class TagOutput(TextWriter output, TextWriter error, TagJournal? journal, bool json, int top,
    IReadOnlyList<string> tags, WindowShape shape, bool overTime, string? plots)
{
    private readonly List<string> _errors = [];
    private int _files;

    /// <summary>Whether stdout carries results (then a progress bar would garble them).</summary>
    public bool PrintsResults => json || journal is null;

    public void Start()
    {
        if (plots is not null)
            Directory.CreateDirectory(plots);
        if (json)
            output.Write("{\"files\": [");
    }

    public void Write(ClipOutcome outcome)
    {
        var plot = outcome is ClipScored tagged && plots is not null ? Plot(tagged) : null;
        var line = TagJson.Line(outcome, tags, top, overTime ? shape : null, plot);
        journal?.Append(line);
        switch (outcome)
        {
            case ClipScored when json:
                output.Write((_files++ == 0 ? "\n" : ",\n") + line);
                break;
            case ClipScored file when journal is null:
                PrintText(file);
                break;
            case ClipNotScored failed:
                error.WriteLine($"error: {failed.Clip.AudioPath}: {failed.Reason}");
                if (json)
                    _errors.Add(line);
                break;
        }
    }

    public void Finish()
    {
        if (!json)
            return;
        output.Write(_files > 0 ? "\n], \"errors\": [" : "], \"errors\": [");
        output.Write(_errors.Count > 0 ? "\n" + string.Join(",\n", _errors) + "\n" : "");
        output.WriteLine("]}");
    }

    private void PrintText(ClipScored file)
    {
        output.WriteLine($"{file.Clip.AudioPath} ({file.Seconds:F1} s, {file.Windows} windows)");
        foreach (var t in TagJson.Ranked(file.Scores).Take(top))
            output.WriteLine($"  {tags[t],-24} {file.Scores[t]:F3}");
    }

    /// <summary>The file's heat map, named after the file and a hash of its full path (two folders may hold the same name).</summary>
    private string Plot(ClipScored file)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file.Clip.AudioPath)))[..8];
        var path = Path.Combine(Path.GetFullPath(plots!), $"{Path.GetFileNameWithoutExtension(file.Clip.AudioPath)}.{hash}.png");
        TimelinePlot.Draw(path, Path.GetFileName(file.Clip.AudioPath), tags, file.Timeline!, file.Windows, shape.WindowSeconds, shape.HopSeconds);
        return path;
    }
}
