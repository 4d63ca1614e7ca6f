using System.Globalization;

namespace Pipeline.Host.Cli;

/// <summary>The process's peak resident set (VmHWM), the figure that bounded buffering keeps flat.</summary>
public static class PeakMemory
{
    public static double ResidentMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }
}
