using System.Diagnostics;

namespace Pipeline.Tests.Support;

/// <summary>Runs the command-line tools the fixtures are made with (sox, lame, mpg123; installed by scripts/bootstrap).</summary>
public static class Tools
{
    public static string Run(string tool, params string[] arguments) => Execute(tool, arguments, binaryOutput: null);

    /// <summary>Runs a tool and returns its standard output as bytes (e.g. `mpg123 -s` raw samples).</summary>
    public static byte[] RunBinary(string tool, params string[] arguments)
    {
        using var output = new MemoryStream();
        Execute(tool, arguments, output);
        return output.ToArray();
    }

    private static string Execute(string tool, string[] arguments, Stream? binaryOutput)
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
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is not installed; run scripts/bootstrap", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = "";
            if (binaryOutput is null)
                stdout = process.StandardOutput.ReadToEnd();
            else
                process.StandardOutput.BaseStream.CopyTo(binaryOutput);
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
            return stdout;
        }
    }
}
