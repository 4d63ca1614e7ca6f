using System.ComponentModel;
using System.Diagnostics;

namespace Pipeline.Synth;

/// <summary>
/// Runs one command-line tool to completion. Arguments are passed as a list (no shell, so file names with
/// apostrophes or spaces need no quoting); cancellation kills the tool; a failure names the tool and its stderr.
/// </summary>
public static class ExternalTool
{
    public static async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SynthException($"{tool} could not be started");
        }
        catch (Win32Exception e)
        {
            throw new SynthException($"{tool} could not be started ({e.Message}); {SynthToolchain.InstallHint}", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellation);
            var errors = process.StandardError.ReadToEndAsync(cancellation);
            try
            {
                await process.WaitForExitAsync(cancellation);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            await output;
            var stderr = (await errors).Trim();
            if (process.ExitCode != 0)
                throw new SynthException($"{tool} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {stderr}");
        }
    }
}
