using Pipeline.Tests.Support;
using Pipeline.Host.Configuration;
using Pipeline.Model.Models;

namespace Pipeline.Tests.Model;

/// <summary>pipeline.model read from HOCON: the defaults are the papers', and a shape that cannot work names its key.</summary>
public sealed class ModelSettingsReaderTests
{
    private static ModelSettings Read(params string[] overrides) => PipelineSettings.Load(null, overrides).Model;

    private static string Problem(params string[] overrides) =>
        Assert.Throws<ConfigurationException>(() => PipelineSettings.Load(null, overrides)).Message;

    [Fact]
    public void The_defaults_are_Lees_3_9_model_and_Kims_SE_settings()
    {
        var model = Read();

        // Lee et al. 2017, section 4.1 and Table 1: m = 3, n = 9, 128 filters in the strided first layer and the first two
        // blocks, 256 in the next six, 512 in the last, a 1x1 convolution of 512, dropout 0.5.
        Assert.Equal((Architecture.SampleCnn, 3, 9, 128, 512, 0.5), (model.Architecture, model.FilterSize, model.Depth, model.StemChannels, model.HeadChannels, model.Dropout));
        Assert.Equal([128, 128, 256, 256, 256, 256, 256, 256, 512], model.BlockChannels);
        Assert.Equal(59_049, model.InputSamples);
        Assert.Equal((3, 16, 0.2), (model.StemStride, model.SeAmplification, model.BlockDropout));
        Assert.Equal(new Norm(1e-3, 0.01), model.Norm); // Keras' BatchNormalization defaults, as Lee's and Kim's code ran
    }

    [Fact]
    public void Won_et_als_models_keep_PyTorchs_batch_norm_whatever_the_setting()
    {
        var model = Read("pipeline.model.architecture=won2020-sample-cnn", "pipeline.model.batch-norm-momentum=0.5");

        Assert.Equal(0.5, model.BatchNormMomentum);
        Assert.Equal(new Norm(1e-5, 0.1), model.Norm);
    }

    [Fact]
    public void A_Table_2_model_with_its_stem_stride_reads_when_the_segment_fits()
    {
        var model = Read("pipeline.model.filter-size=2", "pipeline.model.depth=13", "pipeline.model.stem-stride=2",
            "pipeline.model.block-channels=[128, 128, 256, 256, 256, 256, 256, 256, 256, 256, 256, 256, 512]",
            "pipeline.provider.window-samples=16384");

        Assert.Equal((2, 13, 2, 16_384), (model.FilterSize, model.Depth, model.StemStride, model.InputSamples));
    }

    [Fact]
    public void A_segment_that_the_stem_stride_and_m_n_do_not_make_names_the_formula()
    {
        var message = Problem("pipeline.model.filter-size=4", "pipeline.model.depth=3", "pipeline.model.stem-stride=1024",
            "pipeline.model.block-channels=[128, 128, 512]");

        Assert.Contains("pipeline.provider.window-samples = 59049", message);
        Assert.Contains("a 4^3 SampleCNN with stem stride 1024 needs 1024 x 4^3 = 65536 samples", message);
    }

    [Theory]
    [InlineData("pipeline.model.filter-size=4", "pipeline.model.filter-size = 4")]
    [InlineData("pipeline.model.stem-stride=4", "pipeline.model.stem-stride = 4")]
    public void Won_et_als_models_need_odd_sizes_and_say_why(string assignment, string keyAndValue)
    {
        var message = Problem("pipeline.model.architecture=won2020-sample-cnn-se", assignment);

        Assert.Contains(keyAndValue, message);
        Assert.Contains("pads every layer by kernel / 2", message);
    }

    private static readonly string[] ShortChunk =
        ["pipeline.model.architecture=won2020-short-chunk-resnet", "pipeline.audio.sample-rate=16000", "pipeline.model.depth=7",
         "pipeline.model.block-channels=[128, 128, 256, 256, 256, 256, 512]"];

    [Fact]
    public void A_short_chunk_model_reads_its_front_end_and_takes_any_window_its_blocks_leave_a_frame_of()
    {
        var model = Read([.. ShortChunk, "pipeline.provider.window-samples=48000"]);

        Assert.Equal(new MelSettings(16_000, 512, 256, 0, 8_000, 128), model.Mel);
        Assert.Equal(new Norm(1e-5, 0.1), model.Norm);
    }

    [Fact]
    public void Mel_bands_that_the_blocks_do_not_halve_to_one_are_refused_naming_the_bands_and_the_depth()
    {
        var message = Problem([.. ShortChunk, "pipeline.model.mel.bands=300"]);

        Assert.Contains("pipeline.model.mel.bands = 300", message);
        Assert.Contains("the 7 blocks of won2020-short-chunk-resnet (pipeline.model.depth) halve the bands to 3", message);
    }

    [Fact]
    public void A_mel_range_above_the_nyquist_frequency_is_refused()
    {
        var message = Problem([.. ShortChunk, "pipeline.audio.sample-rate=8000"]);

        Assert.Contains("pipeline.model.mel.f-max = 8000", message);
        Assert.Contains("at most at half of pipeline.audio.sample-rate (4000)", message);
    }

    [Fact]
    public void A_window_too_short_for_the_short_chunk_CNNs_max_pools_names_the_frames_it_gives()
    {
        var message = Problem([.. ShortChunk, "pipeline.model.architecture=won2020-short-chunk-cnn", "pipeline.provider.window-samples=16000"]);

        Assert.Contains("pipeline.provider.window-samples = 16000", message);
        Assert.Contains("gives 63 frames at pipeline.model.mel.hop-length = 256", message);
    }

    [Fact]
    public void The_old_se_reduction_key_is_unknown_and_the_message_lists_its_successor()
    {
        var message = Problem("pipeline.model.se-reduction=16");

        Assert.Contains("unknown key", message);
        Assert.Contains("se-amplification", message);
    }

    [Fact]
    public void Multi_level_aggregation_cannot_reach_past_the_first_block()
    {
        var message = Problem("pipeline.model.architecture=sample-cnn-rese", "pipeline.model.multi-level-blocks=10");

        Assert.Contains("pipeline.model.multi-level-blocks = 10", message);
        Assert.Contains("cannot exceed pipeline.model.depth (9)", message);
    }

    [Fact]
    public void Every_architecture_name_reads_back_to_its_architecture()
    {
        foreach (var (name, architecture) in ModelSettingsReader.Architectures)
        {
            // The mel models' blocks must halve the 128 bands to 1: seven of them, not the SampleCNN's nine.
            string[] shape = name.StartsWith("won2020-short-chunk", StringComparison.Ordinal)
                ? ["pipeline.model.depth=7", "pipeline.model.block-channels=[16,16,16,16,16,16,16]"]
                : [];
            Assert.Equal(architecture, Read([$"pipeline.model.architecture={name}", .. shape]).Architecture);
        }
        Assert.Equal(Enum.GetValues<Architecture>().Length, ModelSettingsReader.Architectures.Count);
    }
}
