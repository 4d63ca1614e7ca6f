using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Tests.Model;

/// <summary>Proves libtorch and the patched libLibTorchSharp.so load on this machine (see build/torchsharp-compat).</summary>
public sealed class TorchLoadTests
{
    [Fact]
    public void A_conv1d_runs_forward_and_backward()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var conv = nn.Conv1d(1, 4, kernel_size: 3, stride: 3);
        var input = randn(2, 1, 27);

        var output = conv.forward(input);
        output.sum().backward();

        Assert.Equal(new long[] { 2, 4, 9 }, output.shape);
        var gradient = conv.weight!.grad!;
        Assert.Equal(new long[] { 4, 1, 3 }, gradient.shape);
        // d(sum)/d(w[o, 0, k]) is the sum over batch and positions of input[b, 0, 3p + k]; the same for every o.
        var expected = input.reshape(2, 9, 3).sum([0, 1]);
        for (var o = 0; o < 4; o++)
            Assert.True(gradient[o, 0].allclose(expected, rtol: 1e-4, atol: 1e-5));
    }
}
