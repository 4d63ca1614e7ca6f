using System.Text.Json;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Build;

/// <summary>
/// Locked packages (Directory.Build.props, `make restore` / `make lock`): every project's package graph in a lock file
/// under build/package-locks/ that holds exactly the pins of Directory.Packages.props, the CUDA switch in lock files of
/// its own, and a pin the package source cannot meet an error. The CUDA package is not on our mirror: its lock files cannot be made here.
/// </summary>
public sealed class PackageLockTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    public void Each_backend_locks_its_packages_in_its_own_files_and_an_unmet_pin_is_an_error(string backend)
    {
        var (code, output) = DotnetCli.MSBuildModel("-getProperty:RestorePackagesWithLockFile", "-getProperty:NuGetLockFilePath",
            "-getProperty:WarningsAsErrors", $"-p:TorchBackend={backend}");
        Assert.True(code == 0, output);
        var properties = JsonDocument.Parse(output).RootElement.GetProperty("Properties");

        Assert.Equal("true", properties.GetProperty("RestorePackagesWithLockFile").GetString());
        Assert.Equal(LockFile(backend, "Pipeline.Model"), Path.GetFullPath(properties.GetProperty("NuGetLockFilePath").GetString()!));
        var errors = properties.GetProperty("WarningsAsErrors").GetString()!.Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("NU1601", errors); // a pin not served: NuGet would take the next version up
        Assert.Contains("NU1603", errors); // a dependency's minimum not served: likewise
    }

    [Fact]
    public void Every_projects_lock_file_holds_exactly_the_pinned_versions()
    {
        var root = DotnetCli.RepositoryRoot();
        var pins = Pins();
        var projects = new[] { "src", "tests", "benchmarks" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).ToList();
        Assert.Contains(projects, p => p.EndsWith("Pipeline.Model.csproj", StringComparison.Ordinal));

        foreach (var project in projects)
        {
            var lockFile = LockFile("cpu", Path.GetFileNameWithoutExtension(project));
            Assert.True(File.Exists(lockFile), $"{lockFile} is missing: run make lock and commit it");
            using var json = JsonDocument.Parse(File.ReadAllText(lockFile));
            foreach (var framework in json.RootElement.GetProperty("dependencies").EnumerateObject())
            foreach (var package in framework.Value.EnumerateObject().Where(p => p.Value.TryGetProperty("requested", out _)))
            {
                Assert.True(pins.TryGetValue(package.Name, out var pin), $"{lockFile}: {package.Name} has no pin in Directory.Packages.props");
                Assert.Equal((package.Name, pin), (package.Name, package.Value.GetProperty("resolved").GetString()));
            }
        }
    }

    [Fact]
    public void A_pin_the_package_source_cannot_meet_fails_restore()
    {
        using var dir = new TempDirectory("unmet-pin");
        // Serilog 4.2.999 was never published; 4.3.0 is, and NuGet would take it with warning NU1601.
        File.WriteAllText(dir.File("Unmet.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Path.Combine(DotnetCli.RepositoryRoot(), "Directory.Build.props")}" />
              <PropertyGroup><NuGetLockFilePath>{dir.File("packages.lock.json")}</NuGetLockFilePath></PropertyGroup>
              <ItemGroup><PackageReference Include="Serilog" Version="4.2.999" /></ItemGroup>
            </Project>
            """);

        var (code, output) = DotnetCli.Run(dir.Path, "restore", "Unmet.csproj");

        Assert.NotEqual(0, code);
        Assert.Contains("error NU1601: Warning As Error: Dependency specified was Serilog (>= 4.2.999) but ended up with Serilog 4.3.0", output);
    }

    private static string LockFile(string backend, string project) =>
        Path.Combine(DotnetCli.RepositoryRoot(), "build", "package-locks", backend, $"{project}.lock.json");

    /// <summary>Directory.Packages.props' pins by package, as MSBuild evaluates them (properties such as $(AkkaVersion) resolved).</summary>
    private static Dictionary<string, string> Pins()
    {
        var (code, output) = DotnetCli.MSBuildModel("-getItem:PackageVersion");
        Assert.True(code == 0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("Items").GetProperty("PackageVersion").EnumerateArray()
            .ToDictionary(i => i.GetProperty("Identity").GetString()!, i => i.GetProperty("Version").GetString()!, StringComparer.OrdinalIgnoreCase);
    }
}
