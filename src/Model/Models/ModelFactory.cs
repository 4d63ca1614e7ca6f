using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Models;

/// <summary>Builds the configured model for a tag count; the only place that maps settings to a module type.</summary>
public static class ModelFactory
{
    public static Module<Tensor, Tensor> Create(ModelSettings settings, int inputSamples, int tags) => settings.Architecture switch
    {
        Architecture.SampleCnn or Architecture.Won2020SampleCnn => new SampleCnn(settings, tags),
        Architecture.SampleCnnSe or Architecture.SampleCnnReSe => new SampleCnnSe(settings, tags),
        Architecture.Won2020SampleCnnSe => new Won2020SampleCnnSe(settings, tags),
        Architecture.Won2020ShortChunkCnn or Architecture.Won2020ShortChunkResNet => new ShortChunkCnn(settings, tags),
        Architecture.Mlp => new Mlp(inputSamples, settings.MlpHidden, settings.Dropout, tags),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Architecture, "unknown architecture"),
    };

    public static long ParameterCount(Module module) => module.parameters().Sum(p => p.numel());
}
