using System.Diagnostics;
using Serilog;
using ShellProgressBar;

namespace Pipeline.Host.Cli;

/// <summary>
/// Progress of long work: a progress bar when a terminal is attached, otherwise a log line every interval (and at
/// the end), so runs under CI or nohup still show where they are.
/// </summary>
public sealed class ProgressDisplay : IDisposable
{
    private readonly string _title;
    private readonly TimeSpan _logInterval;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly bool _terminal;
    private ProgressBar? _bar;
    private readonly object _gate = new();
    private TimeSpan _lastLog;
    private int _startDone = -1;

    /// <param name="drawBar">False when stdout carries results to the terminal, which a bar would garble: log lines only.</param>
    public ProgressDisplay(string title, int total, TimeSpan logInterval, bool drawBar = true)
    {
        _title = title;
        _logInterval = logInterval;
        // A terminal that reports no width (e.g. under `script` or some CI consoles) cannot draw a bar.
        _terminal = drawBar && !Console.IsOutputRedirected && !Console.IsErrorRedirected && TerminalWidth() > 40;
        if (total > 0)
            EnsureBar(total);
    }

    /// <summary>The bar is made once the total is known (extraction learns it only after reading the metadata).</summary>
    private void EnsureBar(int total)
    {
        if (_bar is null && _terminal && total > 0)
        {
            _bar = new ProgressBar(total, _title, new ProgressBarOptions
            {
                ProgressCharacter = '─',
                ShowEstimatedDuration = true,
                DisplayTimeInRealTime = false,
                CollapseWhenFinished = true,
            });
        }
    }

    public void Report(int done, int total, string detail)
    {
        lock (_gate)
        {
            if (_startDone < 0)
                _startDone = done;
            var elapsed = _watch.Elapsed;
            var rate = (done - _startDone) / Math.Max(elapsed.TotalSeconds, 1e-9);
            var eta = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : (TimeSpan?)null;
            var message = $"{_title}: {done}/{total} ({100.0 * done / Math.Max(1, total):F1}%), {rate:F1}/s{(eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : "")}{(detail.Length > 0 ? ", " + detail : "")}";
            EnsureBar(total);
            if (_bar is not null)
            {
                _bar.MaxTicks = Math.Max(1, total);
                _bar.Tick(done, message);
            }
            if (_bar is null && (elapsed - _lastLog >= _logInterval || done >= total))
            {
                _lastLog = elapsed;
                Log.Information("{Progress}", message);
            }
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Dispose() => _bar?.Dispose();
}
