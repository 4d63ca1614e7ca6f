using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>
/// Batch norm's epsilon and running-statistics momentum (PyTorch's convention: new = (1 - momentum) old + momentum
/// batch). Lee's and Kim's code ran Keras' defaults, epsilon 1e-3 and momentum 0.99 in Keras' convention, which is
/// 0.01 here; Won et al.'s PyTorch code runs PyTorch's, 1e-5 and 0.1.
/// </summary>
public sealed record Norm(double Epsilon, double Momentum)
{
    public static Norm PyTorch { get; } = new(1e-5, 0.1);

    public BatchNorm1d Create(int channels) => BatchNorm1d(channels, Epsilon, Momentum);

    public BatchNorm2d Create2d(int channels) => BatchNorm2d(channels, Epsilon, Momentum);
}
