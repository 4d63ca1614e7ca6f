using Pipeline.Model.Metrics;
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
            var (deviceReport, cpuReport) = (Evaluate(onDevice), Evaluate(onCpu));

            Assert.Empty(TestDevices.OffDevice(onDevice.Model, null, target));
            Assert.Equal(cpuReport.Clips, deviceReport.Clips);
            Assert.Equal(cpuReport.Loss, deviceReport.Loss, 3);
            Assert.Equal(cpuReport.RocAucMacro!.Value, deviceReport.RocAucMacro!.Value, 3);
            Assert.Equal(cpuReport.PrAucMacro!.Value, deviceReport.PrAucMacro!.Value, 3);
        }
    }

    /// <summary>What `evaluate` computes, on three batches whose every row is a clip of its own.</summary>
    private static TaggingReport Evaluate(EvaluationSession session)
    {
        const int batches = 3;
        var scores = new ClipScores(batches * 8, Tags);
        for (var i = 0; i < batches; i++)
        {
            var batch = Batch(10 + i);
            var probabilities = session.Predict(batch);
            for (var row = 0; row < batch.Count; row++)
                scores.Add(i * batch.Count + row, probabilities.AsSpan(row * Tags, Tags), batch.Labels.AsSpan(row * Tags, Tags), windows: 1);
        }
        return scores.Report([.. Enumerable.Range(0, Tags).Select(t => $"tag{t}")], warnAboutLeftOut: false);
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
