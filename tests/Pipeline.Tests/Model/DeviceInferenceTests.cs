using Pipeline.Model.Evaluation;
using Pipeline.Model.Training;
using Pipeline.Tests.Support;
using static Pipeline.Tests.Support.DeviceFixtures;
using static TorchSharp.torch;

namespace Pipeline.Tests.Model;

/// <summary>
/// Evaluation, and the forward pass `tag` and `embed` make (<see cref="EvaluationSession.Predict"/> with a
/// <see cref="LayerTap"/>), from a checkpoint loaded onto a device other than the CPU (see <see cref="TestDevices"/>):
/// every tensor on the device, the CPU's results.
/// </summary>
[Collection(TorchGlobalStateCollection.Name)]
[Trait("Category", "Device")]
public sealed class DeviceInferenceTests : IDisposable
{
    private readonly TempDirectory _dir = new("device-inference");

    public void Dispose() => _dir.Dispose();

    public static IEnumerable<object[]> Cases() =>
        from device in TestDevices.NotCpu()
        from precision in new[] { Precision.Fp32, Precision.Bf16 }
        select new object[] { device[0], precision };

    /// <summary>A checkpoint of a few training steps, as `train` leaves it.</summary>
    private string Checkpoint()
    {
        var path = _dir.File("last.ckpt");
        using var session = Session(Settings(OptimizerKind.Sgd), CPU);
        for (var step = 0; step < 3; step++)
            session.TrainStep(Batch(step));
        session.SaveLast(path, "config", 16_000);
        return path;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluating_a_checkpoint_on_the_device_gives_the_CPUs_metrics(string device, Precision precision)
    {
        var checkpoint = Checkpoint();
        var target = TestDevices.Named(device);
        var (onDevice, _) = EvaluationSession.FromCheckpoint(checkpoint, target, precision);
        var (onCpu, _) = EvaluationSession.FromCheckpoint(checkpoint, CPU, precision);
        using (onDevice)
        using (onCpu)
        {
            var (deviceScores, cpuScores) = (new ClipScores(4, Tags), new ClipScores(4, Tags));
            for (var i = 0; i < 3; i++)
            {
                onDevice.Accumulate(deviceScores, Batch(10 + i));
                onCpu.Accumulate(cpuScores, Batch(10 + i));
            }
            var (deviceReport, cpuReport) = (onDevice.Report(deviceScores), onCpu.Report(cpuScores));

            Assert.Empty(TestDevices.OffDevice(onDevice.Model, null, target));
            Assert.Equal(cpuReport.Clips, deviceReport.Clips);
            Assert.Equal(cpuReport.Loss, deviceReport.Loss, 3);
            Assert.Equal(cpuReport.RocAucMacro!.Value, deviceReport.RocAucMacro!.Value, 3);
            Assert.Equal(cpuReport.PrAucMacro!.Value, deviceReport.PrAucMacro!.Value, 3);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_forward_pass_of_tag_and_embed_runs_on_the_device_with_the_CPUs_probabilities_and_embeddings(string device, Precision precision)
    {
        var checkpoint = Checkpoint();
        var target = TestDevices.Named(device);
        var tolerance = precision == Precision.Bf16 ? 2e-2 : 1e-4;
        foreach (var layer in new[] { null, "blocks.block2" })
        {
            var (onDevice, _) = EvaluationSession.FromCheckpoint(checkpoint, target, precision);
            var (onCpu, _) = EvaluationSession.FromCheckpoint(checkpoint, CPU, precision);
            using (onDevice)
            using (onCpu)
            using (var deviceTap = LayerTap.Attach(onDevice.Model, layer))
            using (var cpuTap = LayerTap.Attach(onCpu.Model, layer))
            {
                var batch = Batch(20, rows: 5);
                AssertClose(onCpu.Predict(batch), onDevice.Predict(batch), tolerance, $"probabilities on {device}");
                AssertClose(cpuTap.Take(), deviceTap.Take(), tolerance, $"{deviceTap.Layer} on {device}");
                Assert.Empty(TestDevices.OffDevice(onDevice.Model, null, target));
            }
        }
    }
}
