using System.Diagnostics;
using Pipeline.Tests.Support.Network;

namespace Pipeline.Tests.Cluster.Hosts;

/// <summary>
/// The separate-host harness leaves nothing behind: not when a test ends, and not when a test process was killed
/// (the next network removes what it left). Root only: `make test-cluster`.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(SeparateHostsCollection.Name)]
public sealed class VirtualNetworkTests
{
    private static string[] Namespaces() => Ip.Run("netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToArray();

    private static bool LinkExists(string name) => Ip.TryRun("link", "show", name).Length > 0;

    /// <summary>A process running inside <paramref name="namespaceName"/>, as a node of a killed test run would be.</summary>
    private static Process SleepIn(string namespaceName) => Process.Start("ip", ["netns", "exec", namespaceName, "sleep", "600"]);

    private static int DeadProcessId()
    {
        using var gone = Process.Start("true");
        gone.WaitForExit();
        return gone.Id;
    }

    [Fact]
    public void Dispose_removes_the_namespaces_their_processes_and_the_links()
    {
        var network = VirtualNetwork.Create();
        var host = network.AddHost();
        using var sleeper = SleepIn(host.Namespace);

        network.Dispose();

        Assert.True(sleeper.WaitForExit(10_000));
        Assert.DoesNotContain(host.Namespace, Namespaces());
        Assert.False(LinkExists(host.BridgeLink));
        Assert.False(LinkExists(network.Bridge));
    }

    [Fact]
    public void What_a_killed_test_process_left_behind_is_removed_when_the_next_network_is_made()
    {
        var killed = new NetworkNames(DeadProcessId(), 'a');
        Ip.Run("link", "add", killed.Bridge, "type", "bridge");
        Ip.Run("netns", "add", killed.Namespace(1));
        Ip.Run("link", "add", killed.BridgeLink(1), "type", "veth", "peer", "name", killed.NamespaceLinkBeforeMove(1));
        Ip.Run("link", "set", killed.NamespaceLinkBeforeMove(1), "netns", killed.Namespace(1));
        Ip.Run("link", "set", killed.BridgeLink(1), "master", killed.Bridge);
        using var orphan = SleepIn(killed.Namespace(1));

        using var network = VirtualNetwork.Create();

        Assert.True(orphan.WaitForExit(10_000));
        Assert.DoesNotContain(killed.Namespace(1), Namespaces());
        Assert.False(LinkExists(killed.Bridge));
        Assert.False(LinkExists(killed.BridgeLink(1)));
    }

    [Fact]
    public void A_live_processes_network_is_left_alone()
    {
        using var first = VirtualNetwork.Create();
        var host = first.AddHost();

        using var second = VirtualNetwork.Create();

        Assert.Contains(host.Namespace, Namespaces());
        Assert.True(LinkExists(host.BridgeLink));
    }
}
