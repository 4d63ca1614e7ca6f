using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// The initial weights Lee's and Kim's Keras code starts from, in place of PyTorch's defaults: convolutions
/// he_uniform (tae-jun/sample-cnn sample_cnn/model.py:12, jongpillee/sampleCNN run_pubtaga_endToEnd_cnn_novalidgen.py:28,
/// tae-jun/resemul model.py:18), dense layers glorot_uniform (Keras' default; resemul model.py:11-12, :103, :109), the
/// ReSE shortcut's 1x1 convolution glorot_uniform too (resemul model.py:34), every bias zero (Keras' default).
/// Won et al.'s models keep PyTorch's defaults, as their code does.
/// </summary>
internal static class KerasInitialization
{
    public static void Apply(Module model)
    {
        using var _ = no_grad();
        foreach (var (name, module) in model.named_modules())
        {
            switch (module)
            {
                case AutocastConv1d conv when name.EndsWith("shortcut.conv", StringComparison.Ordinal):
                    Glorot(conv.Weight, conv.Bias);
                    break;
                case AutocastConv1d conv:
                    // he_uniform: U(-sqrt(6 / fan_in), sqrt(6 / fan_in)), which is Kaiming's uniform with ReLU's gain.
                    init.kaiming_uniform_(conv.Weight, 0, init.FanInOut.FanIn, init.NonlinearityType.ReLU);
                    init.zeros_(conv.Bias);
                    break;
                case AutocastLinear linear:
                    Glorot(linear.Weight, linear.Bias);
                    break;
            }
        }
    }

    private static void Glorot(Tensor weight, Tensor bias)
    {
        init.xavier_uniform_(weight);
        init.zeros_(bias);
    }
}
