using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Pipeline.Benchmarks;

/// <summary>
/// The `pipeline` program as a child process, for measurements that need a process of their own (peak memory, cluster
/// nodes). Commands run with --json print one JSON object on stdout; stderr is kept to explain a failure.
/// </summary>
public sealed class PipelineProgram : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private PipelineProgram(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
    }

    public static PipelineProgram Start(IEnumerable<string> args) =>
        new(Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "pipeline.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!);

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the program to end, and returns what it printed on stdout once it ended well.</summary>
    public string WaitForSuccess()
    {
        var output = _process.StandardOutput.ReadToEnd();
        _process.WaitForExit();
        if (_process.ExitCode != 0)
        {
            lock (_stderr)
                throw new InvalidOperationException($"{Describe()} failed with exit code {_process.ExitCode}:\n{_stderr}");
        }
        return output;
    }

    /// <summary>Waits for the program to end and returns the JSON object it printed.</summary>
    public JsonElement ReadJson()
    {
        var output = WaitForSuccess();
        try
        {
            using var json = JsonDocument.Parse(output);
            return json.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{Describe()} printed something else than one JSON object ({e.Message}):\n{output}", e);
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose() => _process.Dispose();

    private string Describe() => $"pipeline {string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))}";
}
