using Pipeline.Model.Interop;
using Pipeline.Model.Models;
using Pipeline.Tests.Support;
using static TorchSharp.torch;

namespace Pipeline.Tests.Model;

/// <summary>Importing a PyTorch state_dict leaves no tensor of its own alive, a type conversion's included.</summary>
public sealed class WeightImportDisposalTests : IDisposable
{
    private readonly TempDirectory _dir = new("weight-import");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_float64_file_is_converted_into_the_models_float32_tensors_and_every_temporary_is_disposed()
    {
        var settings = DeviceFixtures.Model;
        var path = _dir.File("float64.pt");
        using var source = ModelFactory.Create(settings, settings.InputSamples, DeviceFixtures.Tags);
        var float64 = source.state_dict().ToDictionary(p => p.Key, p => p.Value.is_floating_point() ? p.Value.to(ScalarType.Float64) : p.Value);
        StateDictFile.Write(path, float64);
        using var model = ModelFactory.Create(settings, settings.InputSamples, DeviceFixtures.Tags);

        using var scope = NewDisposeScope();
        PyTorchWeights.Import(path, model, settings, Layout.Native);

        Assert.Equal(0, scope.DisposablesCount);
        foreach (var (name, tensor) in model.state_dict())
            Assert.True(tensor.allclose(source.state_dict()[name], rtol: 0, atol: 0), $"{name} was not imported");
    }
}
