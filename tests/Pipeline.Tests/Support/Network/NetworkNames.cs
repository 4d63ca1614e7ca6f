using System.Text.RegularExpressions;

namespace Pipeline.Tests.Support.Network;

/// <summary>
/// The names a <see cref="VirtualNetwork"/> gives its namespaces and links: "pt", the test process's id, a letter per
/// network in that process, then what it is ("b" bridge, "n3" namespace of host 3, "v3" its link on the bridge,
/// "p3" the other end before it moves into the namespace). The process id in every name lets a later run find what a
/// killed run left behind, and Linux caps link names at 15 characters.
/// </summary>
public sealed partial class NetworkNames(int processId, char network)
{
    private const int MaximumLinkName = 15;
    private readonly string _prefix = $"pt{processId}{network}";

    public string Bridge => Checked("b");
    public string Namespace(int host) => Checked($"n{host}");
    public string BridgeLink(int host) => Checked($"v{host}");
    public string NamespaceLinkBeforeMove(int host) => Checked($"p{host}");

    /// <summary>The process that made <paramref name="name"/>, if a <see cref="VirtualNetwork"/> made it.</summary>
    public static int? OwnerOf(string name) =>
        Ours().Match(name) is { Success: true } match && int.TryParse(match.Groups[1].Value, out var owner) ? owner : null;

    private string Checked(string suffix)
    {
        var name = _prefix + suffix;
        return name.Length <= MaximumLinkName ? name : throw new InvalidOperationException($"link name {name} is longer than {MaximumLinkName} characters");
    }

    [GeneratedRegex("^pt([0-9]+)[a-z][bnvp][0-9]*$")]
    private static partial Regex Ours();
}
