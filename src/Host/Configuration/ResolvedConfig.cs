using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Host.Configuration;

/// <summary>The merged pipeline section as HOCON text (saved in run folders) and its hash (stored in checkpoints).</summary>
public static class ResolvedConfig
{
    public static string Render(ConfigLayers layers)
    {
        var builder = new StringBuilder();
        builder.AppendLine("# Resolved configuration: every key with its value and the layer it came from.");
        foreach (var key in ConfigLayers.LeafPaths(layers.Merged).Where(k => k.StartsWith(ConfigLayers.Root + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var value = layers.Merged.GetValue(key);
            builder.AppendLine($"{key} = {value.ToString().Trim()}    # {layers.OriginOf(key)}");
        }
        return builder.ToString();
    }

    /// <summary>A hash of the keys and values only (not of their origins), so the same settings hash the same.</summary>
    public static string Hash(ConfigLayers layers)
    {
        var text = string.Join('\n', ConfigLayers.LeafPaths(layers.Merged)
            .Where(k => k.StartsWith(ConfigLayers.Root + ".", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(k => $"{k}={layers.Merged.GetValue(k).ToString().Trim()}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
