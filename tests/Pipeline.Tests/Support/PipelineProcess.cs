using System.Diagnostics;
using System.Text;

namespace Pipeline.Tests.Support;

/// <summary>
/// The `pipeline` program as a separate process (the test output folder holds it), for what only a real process
/// shows: being killed with SIGKILL, running as another user, its peak memory.
/// </summary>
public sealed class PipelineProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private PipelineProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_error) _error.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Program => Path.Combine(AppContext.BaseDirectory, "pipeline.dll");

    /// <summary>Starts `dotnet pipeline.dll args...`, optionally as another user (through runuser, when we are root).</summary>
    public static PipelineProcess Start(IEnumerable<string> args, string? asUser = null)
    {
        var dotnet = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var start = asUser is null ? new ProcessStartInfo(dotnet) : new ProcessStartInfo("runuser");
        if (asUser is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(dotnet);
            start.Environment["DOTNET_CLI_HOME"] = "/tmp";
            start.Environment["HOME"] = "/tmp";
        }
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = Path.GetTempPath();
        return new PipelineProcess(Process.Start(start)!);
    }

    public static (int Code, string Output, string Error) Run(IEnumerable<string> args, TimeSpan timeout, string? asUser = null)
    {
        using var process = Start(args, asUser);
        return process.WaitForExit(timeout);
    }

    public bool HasExited => _process.HasExited;

    public (int Code, string Output, string Error) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            KillHard();
            throw new TimeoutException($"pipeline {string.Join(' ', _process.StartInfo.ArgumentList)} did not finish in {timeout}");
        }
        _process.WaitForExit();
        lock (_output) lock (_error)
            return (_process.ExitCode, _output.ToString(), _error.ToString());
    }

    /// <summary>SIGKILL: no shutdown hooks, no finally blocks, no flushing; what is on disk is what a crash leaves.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-9", _process.Id.ToString()])!.WaitForExit();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
