using System.Text;

namespace Pipeline.Benchmarks;

/// <summary>Collects each benchmark's Markdown section; printed as it goes and saved to .bench/report.md.</summary>
public sealed class Report
{
    private readonly StringBuilder _text = new();

    public Report()
    {
        _text.AppendLine("# Benchmark report");
        _text.AppendLine();
        _text.AppendLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {DateTime.Now:yyyy-MM-dd HH:mm}");
        _text.AppendLine();
    }

    public void Section(string title, string markdown)
    {
        var section = $"## {title}\n\n{markdown.TrimEnd()}\n\n";
        _text.Append(section);
        Console.WriteLine(section);
    }

    public string Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "report.md");
        File.WriteAllText(path, _text.ToString());
        return path;
    }
}
