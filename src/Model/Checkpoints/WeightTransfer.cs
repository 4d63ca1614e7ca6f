using Pipeline.Model.Models;
using Pipeline.Model.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Checkpoints;

/// <summary>A checkpoint's model does not fit the one it should start; the message names the layer and both shapes.</summary>
public sealed class WeightTransferException(string message) : Exception(message);

/// <summary>What <see cref="WeightTransfer.StartFrom"/> did: the tensors it copied and what it left as the model had them.</summary>
public sealed record WeightTransferReport(CheckpointInfo Source, int Loaded, IReadOnlyList<string> NewHead, IReadOnlyList<string> OwnFrontEnd);

/// <summary>
/// Starts a model from another run's weights for a new tag set (fine-tuning): every parameter and batch-norm statistic
/// is copied from the checkpoint, shapes checked first and nothing copied unless all fit, except two kinds of tensor.
/// The output layer (the last dense layer, one row per tag) keeps the initial weights the new model drew, since its
/// rows mean other tags now. A log-mel front end keeps its own window and filter bank: they are computed from this
/// run's sample rate and mel settings, so the learned layers after it see the same bands in Hz even when the source
/// was trained at another rate.
/// </summary>
public static class WeightTransfer
{
    public static WeightTransferReport StartFrom(string checkpoint, Module<Tensor, Tensor> model, ModelSettings settings)
    {
        var info = CheckpointFile.ReadInfo(checkpoint);
        using var source = TorchRuntime.WithoutDisturbingRandomGenerator(() => ModelFactory.Create(info.Model, info.WindowSamples, info.Tags.Count));
        CheckpointFile.Load(checkpoint, source, optimizer: null);
        var (head, ownFrontEnd) = (HeadKeys(model), FrontEndKeys(model));
        var skipped = head.Concat(ownFrontEnd).Concat(HeadKeys(source)).Concat(FrontEndKeys(source)).ToHashSet(StringComparer.Ordinal);
        var theirs = source.state_dict().Where(e => !skipped.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var ours = model.state_dict().Where(e => !skipped.Contains(e.Key)).ToList();

        var models = $"its {Describe(info.Model)} against this run's {Describe(settings)}";
        foreach (var (key, target) in ours)
        {
            if (!theirs.TryGetValue(key, out var tensor))
                throw new WeightTransferException($"{checkpoint} cannot start this model: it has no layer {Layer(key)} {Shape(target)} ({models}); " +
                                                  "--init-from needs the same architecture and widths, only the tags may differ");
            if (!tensor.shape.SequenceEqual(target.shape))
                throw new WeightTransferException($"{checkpoint} cannot start this model: layer {Layer(key)} is {Shape(tensor)} there and " +
                                                  $"{Shape(target)} here ({models}); --init-from needs the same architecture and widths, only the tags may differ");
        }
        var extra = theirs.Keys.Except(ours.Select(e => e.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal).FirstOrDefault();
        if (extra is not null)
            throw new WeightTransferException($"{checkpoint} cannot start this model: its layer {Layer(extra)} {Shape(theirs[extra])} has no " +
                                              $"place here ({models}); --init-from needs the same architecture and widths, only the tags may differ");

        using (no_grad())
        {
            foreach (var (key, target) in ours)
                target.copy_(theirs[key]);
        }
        return new WeightTransferReport(info, ours.Count, head, ownFrontEnd);
    }

    /// <summary>The output layer's tensors: the last dense layer's, as the embedding tap also takes it (its input is the embedding).</summary>
    public static IReadOnlyList<string> HeadKeys(Module model)
    {
        var (name, output) = model.named_modules().LastOrDefault(m => m.module is AutocastLinear or TorchSharp.Modules.Linear);
        return output is null ? [] : [.. output.named_parameters(recurse: false).Select(p => $"{name}.{p.name}")];
    }

    private static IReadOnlyList<string> FrontEndKeys(Module model) =>
    [
        .. model.named_modules().Where(m => m.module is LogMelSpectrogram)
            .SelectMany(m => m.module.named_buffers(recurse: false).Select(b => $"{m.name}.{b.name}")),
    ];

    private static string Describe(ModelSettings settings) =>
        $"{settings.Architecture} with blocks [{string.Join(", ", settings.BlockChannels)}] and head {settings.HeadChannels}";

    /// <summary>"blocks.block3.conv (weight)" for blocks.block3.conv.weight.</summary>
    private static string Layer(string key) =>
        key.LastIndexOf('.') is var dot and > 0 ? $"{key[..dot]} ({key[(dot + 1)..]})" : key;

    private static string Shape(Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";
}
