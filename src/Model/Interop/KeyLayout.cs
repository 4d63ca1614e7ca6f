using Pipeline.Model.Models;

namespace Pipeline.Model.Interop;

/// <summary>How the keys of a state_dict file are named.</summary>
public enum Layout
{
    /// <summary>Our modules' own names (stem.conv.weight, blocks.block1.bn.running_mean, ...).</summary>
    Native,
    /// <summary>Won et al.'s PyTorch names (layer1.conv.weight, ..., dense.weight): their code loads the file as is.</summary>
    Minzwon,
}

/// <summary>
/// Renames our state_dict keys to a file's layout. The minzwon layout follows minzwon/sota-music-tagging-models
/// training/model.py: `SampleCNN` is layer1 (strided conv), layer2..layer10 (blocks), layer11 (1x1 conv), dense;
/// `SampleCNNSE` is layer1..layer11 of modules.py `ResSE_1d` (conv_1, bn_1, conv_2, bn_2, dense1, dense2 for the SE
/// gate, conv_3 / bn_3 for the shortcut), then dense1, bn, dense2; `ShortChunkCNN` and `ShortChunkCNN_Res` are spec
/// (torchaudio's MelSpectrogram: spec.spectrogram.window, spec.mel_scale.fb), spec_bn, layer1..layer7 (modules.py
/// `Conv_2d`: conv, bn; `Res_2d`: conv_1, bn_1, conv_2, bn_2, conv_3, bn_3), then dense1, bn, dense2.
/// </summary>
public static class KeyLayout
{
    public static Func<string, string> ToFile(Layout layout, ModelSettings settings)
    {
        if (layout == Layout.Native)
            return key => key;
        if (!settings.IsWon2020)
            throw new StateDictException(
                "the minzwon layout is the key naming of Won et al.'s models; it holds only the won2020-* architectures " +
                "(use --layout native for the others)");
        var rules = settings.IsMel ? MelRules(settings) : SampleLevelRules(settings);
        if (settings.Architecture == Architecture.Won2020SampleCnn)
            rules.Add(("classifier.", "dense."));
        else
            rules.AddRange([("classifier.fc.", "dense1."), ("classifier.bn.", "bn."), ("classifier.out.", "dense2.")]);
        return key => Rename(key, rules, settings.Architecture is Architecture.Won2020SampleCnnSe or Architecture.Won2020ShortChunkResNet);
    }

    private static List<(string Ours, string Theirs)> SampleLevelRules(ModelSettings settings)
    {
        var rules = new List<(string Ours, string Theirs)> { ("stem.", "layer1.") };
        for (var block = 1; block <= settings.Depth; block++)
            rules.Add(($"blocks.block{block}.", $"layer{block + 1}."));
        rules.Add(("head.", $"layer{settings.Depth + 2}."));
        return rules;
    }

    private static List<(string Ours, string Theirs)> MelRules(ModelSettings settings)
    {
        var rules = new List<(string Ours, string Theirs)>
        {
            ("mel.window", "spec.spectrogram.window"), ("mel.filters", "spec.mel_scale.fb"), ("mel_bn.", "spec_bn."),
        };
        for (var block = 1; block <= settings.BlockChannels.Count; block++)
            rules.Add(($"blocks.block{block}.", $"layer{block}."));
        return rules;
    }

    private static readonly (string Ours, string Theirs)[] ResidualBlockNames =
    [
        ("conv1.", "conv_1."), ("bn1.", "bn_1."), ("conv2.", "conv_2."), ("bn2.", "bn_2."),
        ("se.fc1.", "dense1."), ("se.fc2.", "dense2."), ("shortcut.conv.", "conv_3."), ("shortcut.bn.", "bn_3."),
    ];

    private static string Rename(string key, List<(string Ours, string Theirs)> rules, bool residualBlocks)
    {
        foreach (var (ours, theirs) in rules)
        {
            if (!key.StartsWith(ours, StringComparison.Ordinal))
                continue;
            var rest = key[ours.Length..];
            if (residualBlocks && theirs.StartsWith("layer", StringComparison.Ordinal))
                rest = ResidualBlockNames.Where(n => rest.StartsWith(n.Ours, StringComparison.Ordinal))
                    .Select(n => n.Theirs + rest[n.Ours.Length..]).DefaultIfEmpty(rest).First();
            return theirs + rest;
        }
        return key;
    }
}
