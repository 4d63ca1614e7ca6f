using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Benchmarks;

/// <summary>Runs bash scripts for fixtures and for the command-line baselines, with their CPU time.</summary>
public static class Shell
{
    public static string Run(string script)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"script failed ({process.ExitCode}): {stderr.Result}\n{script}");
        return stdout;
    }

    /// <summary>Runs a script and returns its wall time and the CPU time of the processes it started (bash's `times`).</summary>
    public static (TimeSpan Wall, TimeSpan ChildCpu) Timed(string script)
    {
        var watch = Stopwatch.StartNew();
        var output = Run(script + "\ntimes");
        watch.Stop();
        // `times` prints the shell's user/sys, then its children's: "0m1.234s 0m0.567s".
        var lines = output.Trim().Split('\n');
        var children = Regex.Matches(lines[^1], @"(\d+)m([\d.]+)s");
        var cpu = children.Sum(m => int.Parse(m.Groups[1].Value) * 60 + double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return (watch.Elapsed, TimeSpan.FromSeconds(cpu));
    }

    public static string Quote(string path) => "'" + path.Replace("'", "'\\''") + "'";
}
