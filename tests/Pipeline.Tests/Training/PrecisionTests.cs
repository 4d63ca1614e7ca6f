using Pipeline.Host.Configuration;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Tests.Support;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

/// <summary>pipeline.training.precision: how it reads, and what auto finds in the hardware.</summary>
public sealed class PrecisionTests
{
    // Abridged /proc/cpuinfo texts; the AMD line is this machine's (an EPYC with avx512_bf16, no AMX).
    private const string Epyc = "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse sse2 avx avx2 avx512f avx512dq " +
        "avx512bw avx512vl avx_vnni avx512_bf16 clzero avx512vbmi avx512_vnni avx512_vp2intersect\nbogomips\t: 4192.05\n";
    private const string SapphireRapids = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx2 avx512f avx512_bf16 avx512_fp16 " +
        "amx_bf16 amx_tile amx_int8\n";
    private const string Skylake = "vendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx2 avx512f avx512dq avx512cd avx512bw avx512vl\n" +
        "bugs\t\t: avx512_bf16_is_not_a_flag_here\n";

    [Theory]
    [InlineData(Epyc, "avx512_bf16")]
    [InlineData(SapphireRapids, "amx_bf16")]
    [InlineData(Skylake, null)]
    [InlineData("", null)]
    public void A_CPU_computes_bf16_natively_when_its_flags_list_avx512_bf16_or_amx_bf16(string cpuinfo, string? flag) =>
        Assert.Equal(flag, PrecisionSupport.Bf16Flag(cpuinfo));

    [Fact]
    public void Fp32_and_bf16_are_taken_as_configured_and_auto_follows_this_CPUs_flags()
    {
        var native = File.Exists("/proc/cpuinfo") && PrecisionSupport.Bf16Flag(File.ReadAllText("/proc/cpuinfo")) is not null;

        Assert.Null(PrecisionSupport.LowPrecision(Precision.Fp32, CPU));
        Assert.Equal(ScalarType.BFloat16, PrecisionSupport.LowPrecision(Precision.Bf16, CPU));
        Assert.Equal(native ? ScalarType.BFloat16 : null, PrecisionSupport.LowPrecision(Precision.Auto, CPU));
        Assert.Equal(native, PrecisionSupport.NativeBf16(CPU).Native);
    }

    [Theory]
    [InlineData("fp32", Precision.Fp32)]
    [InlineData("bf16", Precision.Bf16)]
    [InlineData("auto", Precision.Auto)]
    [InlineData("BF16", Precision.Bf16)]
    public void The_setting_reads_fp32_bf16_and_auto(string value, Precision expected) =>
        Assert.Equal(expected, PipelineSettings.Load(null, [$"pipeline.training.precision={value}"]).Training.Precision);

    [Fact]
    public void The_shipped_default_is_fp32() =>
        Assert.Equal(Precision.Fp32, PipelineSettings.Load(null, []).Training.Precision);

    [Fact]
    public void An_unknown_precision_names_the_key_the_value_its_origin_and_the_choices()
    {
        var error = Assert.Throws<ConfigurationException>(() => PipelineSettings.Load(null, ["pipeline.training.precision=fp16"]));

        Assert.Equal("configuration error: pipeline.training.precision = fp16 (from -D pipeline.training.precision=fp16): " +
            "must be one of: auto, fp32, bf16", error.Message);
    }

    [Fact]
    public void A_wrong_precision_in_a_config_file_names_the_file()
    {
        using var dir = new TempDirectory("precision-config");
        var file = dir.File("user.conf");
        File.WriteAllText(file, "pipeline.training { precision = half }");

        var error = Assert.Throws<ConfigurationException>(() => PipelineSettings.Load(file, []));

        Assert.Equal($"configuration error: pipeline.training.precision = half (from {file}): must be one of: auto, fp32, bf16", error.Message);
    }
}
