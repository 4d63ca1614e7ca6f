using Pipeline.Model.Checkpoints;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Shared;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Streams.Graph.Stages;
using Pipeline.Tests.Support;
using static TorchSharp.torch;

namespace Pipeline.Tests.Training;

/// <summary>What the session does at a new stage and at every step: the rate it really applies, the weights and optimiser a stage starts with.</summary>
[Collection(TorchGlobalStateCollection.Name)]
public sealed class StageStartTests : IDisposable
{
    private readonly TempDirectory _dir = new("stages");

    // No dropout: two sessions given the same weights and batch then compute the same gradient.
    private static readonly Pipeline.Model.Models.ModelSettings Model = TrainingTests.SmallCnn with { Dropout = 0 };

    public void Dispose() => _dir.Dispose();

    private static Batch FixedBatch(int seed)
    {
        var random = new Random(seed);
        var clips = Enumerable.Range(0, 8).Select(i => new ClipRef(i, $"c{i}", "", [.. Enumerable.Range(0, 3).Select(_ => (float)random.Next(2))])).ToList();
        return BatchStage.From(clips.Select(c => new Window(c, 0, Enumerable.Range(0, Model.InputSamples).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())).ToList(),
            Model.InputSamples, []);
    }

    private static TrainingSettings Sgd(double momentum, double decay = 0, StageStartMode start = StageStartMode.BestWeights)
    {
        var settings = TrainingTests.Settings(epochs: 1);
        return settings with
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, Momentum = momentum, Nesterov = momentum > 0, WeightDecay = 0, LrPatience = 0,
            Schedule = settings.Schedule with { Kind = ScheduleKind.Plateau, LrDecay = decay, StageStart = start, ImprovementThreshold = 0 },
        };
    }

    private static Dictionary<string, Tensor> Weights(TrainingSession session) =>
        session.Model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());

    /// <summary>The gradient of the batch's loss at the session's current weights, computed by a separate model.</summary>
    private static Dictionary<string, Tensor> Gradient(TrainingSession session, Batch batch)
    {
        using var probe = new TrainingSession(Model, Sgd(momentum: 0), Model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        probe.Model.load_state_dict(Weights(session));
        probe.Model.train();
        var output = probe.Model.call(tensor(batch.Samples, [batch.Count, 1, batch.WindowSamples]));
        nn.functional.binary_cross_entropy_with_logits(output, tensor(batch.Labels, [batch.Count, batch.TagCount])).backward();
        return probe.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone());
    }

    /// <summary>The rate plain SGD applied at the step just taken: the weight change over the gradient, fitted over all parameters.</summary>
    private static double AppliedRate(Dictionary<string, Tensor> before, Dictionary<string, Tensor> after, Dictionary<string, Tensor> gradient)
    {
        double dot = 0, norm = 0;
        foreach (var (name, g) in gradient)
        {
            var change = before[name] - after[name];
            dot += (change * g).sum().item<float>();
            norm += (g * g).sum().item<float>();
        }
        return dot / norm;
    }

    [Fact]
    public void Each_update_applies_Keras_time_based_rate_lr_over_one_plus_decay_times_the_optimisers_updates()
    {
        const double decay = 0.25; // large, so that each step's rate is far from the last
        using var session = new TrainingSession(Model, Sgd(momentum: 0, decay: decay), Model.InputSamples, AudibleTagsCorpus.Tags, CPU);

        foreach (var t in Enumerable.Range(0, 4))
        {
            var batch = FixedBatch(seed: t);
            var (before, gradient) = (Weights(session), Gradient(session, batch));
            session.TrainStep(batch);
            Assert.Equal(0.05 / (1 + decay * t), AppliedRate(before, Weights(session), gradient), 4);
        }
    }

    [Fact]
    public void A_stage_from_the_best_weights_has_exactly_the_best_checkpoints_weights_and_steps_like_a_fresh_optimiser_on_them()
    {
        var best = _dir.File("best.ckpt");
        using var session = new TrainingSession(Model, Sgd(momentum: 0.9), Model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        for (var step = 0; step < 3; step++)
            session.TrainStep(FixedBatch(seed: step));
        Assert.True(session.ObserveValidationLoss(0.4).Improved);
        using (var snapshot = session.Snapshot(version: 1))
            session.SaveBest(best, snapshot, validationLoss: 0.4, "config", 16_000);
        var bestWeights = Weights(session);
        for (var step = 3; step < 6; step++)
            session.TrainStep(FixedBatch(seed: step));

        var stage = session.ObserveValidationLoss(0.5).NextStage; // patience 0: the next stage, at 0.05 x 0.2
        Assert.Equal(new StageStart(0.01, RestoreBestWeights: true, FreshOptimiser: OptimiserSpec.From(Sgd(momentum: 0.9))), stage! with { LearningRate = Math.Round(stage.LearningRate, 12) });
        session.StartStage(stage!, best);

        foreach (var (name, weights) in Weights(session))
            Assert.True(weights.allclose(bestWeights[name], rtol: 0, atol: 0), $"{name} is not the best checkpoint's");
        // The next step equals that of a brand-new SGD (no momentum yet) at the stage's rate from the same weights.
        var next = FixedBatch(seed: 99);
        session.TrainStep(next);
        using var fresh = new TrainingSession(Model, Sgd(momentum: 0.9) with { LearningRate = 0.01 }, Model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        CheckpointFile.Load(best, fresh.Model, optimizer: null);
        fresh.TrainStep(next);
        var expected = Weights(fresh);
        foreach (var (name, weights) in Weights(session))
            Assert.True(weights.allclose(expected[name], rtol: 1e-5, atol: 1e-7), $"{name}: the stage's first step is not a fresh optimiser's");
    }

    [Fact]
    public void A_stage_that_continues_keeps_the_current_weights_and_the_optimisers_momentum()
    {
        var best = _dir.File("best.ckpt");
        using var session = new TrainingSession(Model, Sgd(momentum: 0.9, start: StageStartMode.Continue), Model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        for (var step = 0; step < 3; step++)
            session.TrainStep(FixedBatch(seed: step));
        session.ObserveValidationLoss(0.4);
        var current = Weights(session);

        var stage = session.ObserveValidationLoss(0.5).NextStage;
        Assert.Equal(new StageStart(0.01, RestoreBestWeights: false, FreshOptimiser: null), stage! with { LearningRate = Math.Round(stage.LearningRate, 12) });
        session.StartStage(stage!, best);
        foreach (var (name, weights) in Weights(session))
            Assert.True(weights.allclose(current[name], rtol: 0, atol: 0), $"{name} changed");

        var next = FixedBatch(seed: 99);
        var gradient = Gradient(session, next);
        session.TrainStep(next);
        // Momentum carried over: the change is not the plain gradient step a fresh SGD would take at 0.01.
        Assert.NotEqual(0.01, AppliedRate(current, Weights(session), gradient), 3);
    }

    [Fact]
    public void A_stage_from_the_best_weights_without_a_best_checkpoint_fails_with_the_path()
    {
        using var session = new TrainingSession(Model, Sgd(momentum: 0.9), Model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        var missing = _dir.File("none.ckpt");

        var error = Assert.Throws<InvalidOperationException>(() => session.StartStage(new StageStart(0.01, true, null), missing));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void A_won2020_run_resumed_in_its_SGD_stage_resumes_with_SGD_and_its_momentum()
    {
        var (best, last) = (_dir.File("best.ckpt"), _dir.File("last.ckpt"));
        var defaults = TrainingTests.Settings(epochs: 200);
        var settings = defaults with { Schedule = defaults.Schedule with { Kind = ScheduleKind.Won2020, LrDecay = 0 }, Optimizer = OptimizerKind.Adam, LearningRate = 1e-4 };
        using var session = new TrainingSession(Model, settings, Model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        session.TrainStep(FixedBatch(seed: 1));
        using (var snapshot = session.Snapshot(version: 1))
            session.SaveBest(best, snapshot, validationLoss: 0.1, "config", 16_000);
        StageStart? stage = null;
        for (var epoch = 1; epoch <= Won2020Schedule.FirstStageEpochs; epoch++)
            stage = session.ObserveValidationLoss(epoch == 1 ? 0.1 : 0.2).NextStage;
        session.StartStage(stage!, best);
        session.TrainStep(FixedBatch(seed: 2)); // SGD's momentum buffers now hold something
        session.SaveLast(last, "config", 16_000);

        using var resumed = new TrainingSession(Model, settings, Model.InputSamples, AudibleTagsCorpus.Tags, CPU);
        resumed.Resume(last);

        Assert.Equal(Won2020Schedule.Sgd, resumed.Schedule.Optimiser);
        Assert.Equal(1e-3, resumed.LearningRate, 12);
        var next = FixedBatch(seed: 3);
        session.TrainStep(next);
        resumed.TrainStep(next);
        var expected = Weights(session);
        foreach (var (name, weights) in Weights(resumed))
            Assert.True(weights.allclose(expected[name], rtol: 1e-5, atol: 1e-7), $"{name}: the resumed SGD step differs");
    }
}
