using System.Diagnostics;

namespace Pipeline.Tests.Support.Network;

/// <summary>
/// A .NET program from the test output folder running on one host of a <see cref="VirtualNetwork"/>
/// (`ip netns exec`), with every line it prints kept so a test can wait for the one it expects.
/// </summary>
public sealed class NamespaceProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<string> _errors = [];
    private bool _disposed;

    private NamespaceProcess(Process process, NetworkHost host)
    {
        _process = process;
        Host = host;
        _process.OutputDataReceived += (_, e) => Keep(_lines, e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(_errors, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public NetworkHost Host { get; }

    /// <summary>
    /// Starts `dotnet PROGRAM.dll args...` inside <paramref name="host"/>'s namespace; on the CPU cores in
    /// <paramref name="cores"/> alone (taskset's list, e.g. "1") when given, as a machine of its own would.
    /// </summary>
    public static NamespaceProcess Start(NetworkHost host, string program, IEnumerable<string> args, string? cores = null)
    {
        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] pinned = cores is null ? [] : ["taskset", "-c", cores];
        foreach (var argument in (string[])["netns", "exec", host.Namespace, .. pinned, dotnet, Path.Combine(AppContext.BaseDirectory, program), .. args])
            start.ArgumentList.Add(argument);
        return new NamespaceProcess(Process.Start(start)!, host);
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public string Errors
    {
        get { lock (_lines) return string.Join('\n', _errors); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The first line (already printed or still to come) that matches, or a failure naming what was seen.</summary>
    public async Task<string> WaitForLine(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var exited = HasExited;
            if (exited)
                _process.WaitForExit(); // what it printed last is read in now
            if (Lines.FirstOrDefault(match) is { } line)
                return line;
            if (exited || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Host.Address}: no line saying {what} within {timeout} (exited: {HasExited}); " +
                                   $"it printed:\n{string.Join('\n', Lines)}\nstderr:\n{Errors}");
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Host.Address}: still running after {timeout}; it printed:\n{string.Join('\n', Lines)}\nstderr:\n{Errors}");
        }
        return _process.ExitCode;
    }

    private void Keep(List<string> into, string? line)
    {
        if (line is not null)
            lock (_lines) into.Add(line);
    }

    /// <summary>kill -9: the process is gone at once, as when its machine fails. Its lines stay readable.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Kills it if it still runs; a test and its cluster may both dispose it.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Kill();
        _process.Dispose();
    }
}
