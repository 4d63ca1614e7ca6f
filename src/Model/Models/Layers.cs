using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>The layers the SampleCNN family shares, named as their state dicts (and `model summary`) show them.</summary>
internal static class Layers
{
    /// <summary>
    /// A stride-1 convolution with 'same' padding: the output is as long as the input. An odd kernel pads k/2 on
    /// both sides; an even one pads (k-1)/2 on the left and k/2 on the right, as Keras' 'same' on TensorFlow and
    /// PyTorch's padding='same' do. Lee's own code asks for 'same' too (jongpillee/sampleCNN
    /// run_pubtaga_endToEnd_cnn_novalidgen.py:83, Keras 1 on Theano); which side that backend gives the odd sample
    /// is a backend detail: both keep every m^n length exact.
    /// </summary>
    public static IEnumerable<(string, Module<Tensor, Tensor>)> SameConv(int inChannels, int outChannels, int kernel)
    {
        if (kernel % 2 == 0)
        {
            // libtorch's padding='same' would do the same with a warning per process; an explicit pad says it.
            yield return ("pad", ConstantPad1d(((kernel - 1) / 2, kernel / 2), 0));
            yield return ("conv", Autocast.Conv1d(inChannels, outChannels, kernel));
        }
        else
        {
            yield return ("conv", Autocast.Conv1d(inChannels, outChannels, kernel, padding: kernel / 2));
        }
    }

    /// <summary>
    /// Lee et al.'s sample-level block: 'same' convolution of size m, batch norm, ReLU, max-pool m (tae-jun/sample-cnn
    /// sample_cnn/model.py:25-29; tae-jun/resemul model.py:16-22, `basic_block`).
    /// </summary>
    public static List<(string, Module<Tensor, Tensor>)> BasicBlock(int inChannels, int outChannels, int m, Norm norm)
    {
        var layers = SameConv(inChannels, outChannels, m).ToList();
        layers.Add(("bn", norm.Create(outChannels)));
        layers.Add(("relu", ReLU()));
        layers.Add(("pool", MaxPool1d(m)));
        return layers;
    }

    /// <summary>
    /// The strided first convolution (filter length = stride, as in Lee et al.'s Table 2 and jongpillee/sampleCNN
    /// run_pubtaga_endToEnd_cnn_novalidgen.py:64-79), batch norm and ReLU; <paramref name="padding"/> 0 is Keras' 'valid'.
    /// </summary>
    public static Sequential Stem(int channels, int stride, int padding, Norm norm) => Sequential(
        ("conv", Autocast.Conv1d(1, channels, stride, stride: stride, padding: padding)),
        ("bn", norm.Create(channels)),
        ("relu", ReLU()));

    /// <summary>Blocks named block1..blockN, each taking the previous one's channels.</summary>
    public static IEnumerable<(string, Module<Tensor, Tensor>)> Chain(
        int inChannels, IReadOnlyList<int> channels, Func<int, int, Module<Tensor, Tensor>> block)
    {
        var previous = inChannels;
        for (var i = 0; i < channels.Count; i++)
        {
            yield return ($"block{i + 1}", block(previous, channels[i]));
            previous = channels[i];
        }
    }
}
