using System.Diagnostics;

namespace Pipeline.Tests.Support;

/// <summary>The dotnet command line on this repository's projects (MSBuild evaluation, restore), from a test.</summary>
public static class DotnetCli
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>; its exit code and all it printed.</summary>
    public static (int Code, string Output) Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host's own MSBuild settings would point the child at the test run's SDK resolution.
        foreach (var name in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath" })
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    /// <summary>`dotnet msbuild` on src/Model with <paramref name="arguments"/>.</summary>
    public static (int Code, string Output) MSBuildModel(params string[] arguments) =>
        Run(RepositoryRoot(), ["msbuild", Path.Combine(RepositoryRoot(), "src", "Model", "Pipeline.Model.csproj"), "-nologo", .. arguments]);

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Pipeline.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"no Pipeline.sln above {AppContext.BaseDirectory}");
    }
}
