namespace Pipeline.Model.Training;

/// <summary>
/// libtorch's <c>torch.backends.cudnn.benchmark</c>, which TorchSharp 0.107 does not expose: with it on, cuDNN times
/// its convolution algorithms on the first batch of each input shape and keeps the fastest. Training batches have
/// one shape but for each epoch's last, which holds the rest (from 2 to batch size + 1 windows), the case it is made for.
/// </summary>
public static class CudnnBenchmark
{
    public static bool Enabled
    {
        get => TorchContext.Get("_ZNK2at7Context14benchmarkCuDNNEv");
        set => TorchContext.Set("_ZN2at7Context17setBenchmarkCuDNNEb", value);
    }
}
