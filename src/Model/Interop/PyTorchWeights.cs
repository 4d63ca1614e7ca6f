using Pipeline.Model.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Model.Interop;

/// <summary>Moves a model's weights to and from a PyTorch state_dict file in a given key layout.</summary>
public static class PyTorchWeights
{
    /// <summary>Writes every parameter and buffer of <paramref name="model"/> (BN running statistics included).</summary>
    public static int Export(Module model, ModelSettings settings, Layout layout, string path)
    {
        var rename = KeyLayout.ToFile(layout, settings);
        var state = model.state_dict().ToDictionary(entry => rename(entry.Key), entry => entry.Value);
        StateDictFile.Write(path, state);
        return state.Count;
    }

    /// <summary>
    /// Loads the file into <paramref name="model"/>, checking first that the file holds exactly the model's keys with
    /// its shapes; nothing is copied unless all fit. A BN layer's num_batches_tracked may be absent (PyTorch before
    /// 0.4.1 did not save it; evaluation and momentum-based training do not read it).
    /// </summary>
    public static void Import(string path, Module model, ModelSettings settings, Layout layout)
    {
        var rename = KeyLayout.ToFile(layout, settings);
        var file = StateDictFile.Read(path);
        try
        {
            var targets = model.state_dict().Select(entry => (Ours: entry.Key, Theirs: rename(entry.Key), Tensor: entry.Value)).ToList();
            Check(path, file, targets);
            using var _ = no_grad();
            foreach (var (_, theirs, target) in targets)
            {
                if (!file.TryGetValue(theirs, out var source))
                    continue;
                using var converted = source.to(target.dtype); // a new tensor unless the types already agree
                target.copy_(converted);
            }
        }
        finally
        {
            foreach (var tensor in file.Values)
                tensor.Dispose();
        }
    }

    private static void Check(string path, Dictionary<string, Tensor> file, List<(string Ours, string Theirs, Tensor Tensor)> targets)
    {
        foreach (var (ours, theirs, target) in targets)
        {
            var alias = ours == theirs ? "" : $" (our {ours})";
            if (!file.TryGetValue(theirs, out var source))
            {
                if (theirs.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
                    continue;
                var hint = file.ContainsKey($"module.{theirs}")
                    ? " (its keys start with 'module.': it was saved from nn.DataParallel; save model.module.state_dict())"
                    : "";
                throw new StateDictException($"{path} has no key '{theirs}'{alias}; the model needs it with shape {Shape(target)}{hint}");
            }
            if (!source.shape.SequenceEqual(target.shape))
                throw new StateDictException($"{path}: key '{theirs}'{alias} has shape {Shape(source)}, the model needs {Shape(target)}");
            if (!source.is_floating_point() && target.is_floating_point())
                throw new StateDictException($"{path}: key '{theirs}'{alias} holds {source.dtype} values, the model needs floating point");
        }
        var expected = targets.Select(t => t.Theirs).ToHashSet(StringComparer.Ordinal);
        var unexpected = file.Keys.Where(k => !expected.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            throw new StateDictException($"{path} holds keys the model does not have: {string.Join(", ", unexpected.Take(8))}" +
                                         (unexpected.Count > 8 ? $" and {unexpected.Count - 8} more" : "") +
                                         " (check --architecture, --layout and the model settings)");
    }

    private static string Shape(Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";
}
