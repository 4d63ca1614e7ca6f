using System.Text.Json;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Build;

/// <summary>
/// `make build TORCH=cuda` (build/torch-backend/TorchBackend.props), checked by evaluating src/Model with MSBuild:
/// the CUDA package is not on our package mirror, so it cannot be restored here.
/// </summary>
public sealed class TorchBackendTests
{
    private const string CpuPackage = "libtorch-cpu-linux-x64";
    private const string CudaPackage = "libtorch-cuda-12.8-linux-x64";

    [Fact]
    public void The_cuda_switch_references_libtorch_cuda_of_the_same_libtorch_version_instead_of_libtorch_cpu()
    {
        var (references, versions) = Evaluate("-p:TorchBackend=cuda");

        Assert.Contains(CudaPackage, references);
        Assert.DoesNotContain(CpuPackage, references);
        Assert.Equal(versions[CpuPackage], versions[CudaPackage]);
    }

    [Fact]
    public void Without_the_switch_the_build_references_libtorch_cpu_only()
    {
        var (references, _) = Evaluate();

        Assert.Contains(CpuPackage, references);
        Assert.DoesNotContain(references, r => r.StartsWith("libtorch-cuda", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_backend_stops_restore_and_build_naming_the_known_ones()
    {
        var (code, output) = DotnetCli.MSBuildModel("-t:CollectPackageReferences", "-p:TorchBackend=rocm");

        Assert.NotEqual(0, code);
        Assert.Contains("TorchBackend=rocm is not a backend of this build: use cpu (the default) or cuda", output);
    }

    [Fact]
    public void The_program_knows_which_libtorch_it_was_built_with_and_a_cpu_build_says_how_to_get_cuda()
    {
        var cudaLibrary = Directory.EnumerateFiles(AppContext.BaseDirectory, "libtorch_cuda.so", SearchOption.AllDirectories).Any();
        Assert.Equal(cudaLibrary ? "cuda" : "cpu", TorchRuntime.Backend);
        if (TorchRuntime.Backend == "cpu")
        {
            var e = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ResolveDevice(DeviceChoice.Cuda));
            Assert.Contains("make build TORCH=cuda", e.Message);
        }
    }

    /// <summary>The PackageReference names of src/Model and the solution's PackageVersion versions, without restoring.</summary>
    private static (List<string> References, Dictionary<string, string> Versions) Evaluate(params string[] properties)
    {
        var (code, output) = DotnetCli.MSBuildModel(["-getItem:PackageReference", "-getItem:PackageVersion", .. properties]);
        Assert.True(code == 0, output);
        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.GetProperty("Items");
        var references = items.GetProperty("PackageReference").EnumerateArray()
            .Select(i => i.GetProperty("Identity").GetString()!).ToList();
        var versions = items.GetProperty("PackageVersion").EnumerateArray()
            .ToDictionary(i => i.GetProperty("Identity").GetString()!, i => i.GetProperty("Version").GetString()!);
        return (references, versions);
    }
}
