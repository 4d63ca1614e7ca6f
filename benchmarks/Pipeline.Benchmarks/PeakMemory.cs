namespace Pipeline.Benchmarks;

/// <summary>The process's peak resident memory (VmHWM in /proc/self/status), in MB.</summary>
public static class PeakMemory
{
    public static double Megabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
