namespace Pipeline.Tests.Support.Network;

/// <summary>One machine of a <see cref="VirtualNetwork"/>: a network namespace with its own address on the bridge.</summary>
public sealed record NetworkHost(int Number, string Namespace, string BridgeLink, string Address);

/// <summary>
/// Separate hosts on this machine (root only): network namespaces, each with its own address on one bridge
/// (10.77.0.N/24, N = 1, 2, ...; the machine itself has no address there), joined by veth pairs. A host's link can be
/// cut and restored, as a pulled cable would. Everything is removed on dispose, even when the test failed; networks
/// that killed test processes left behind are removed when the next one is made (<see cref="NetworkLeftovers"/>).
/// </summary>
public sealed class VirtualNetwork : IDisposable
{
    public const string AddressPrefix = "10.77.0.";
    private static int _networksMade;
    private readonly NetworkNames _names;
    private readonly List<NetworkHost> _hosts = [];
    private bool _disposed;

    private VirtualNetwork(NetworkNames names) => _names = names;

    public IReadOnlyList<NetworkHost> Hosts => _hosts;

    public string Bridge => _names.Bridge;

    public static VirtualNetwork Create()
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("separate-host tests make network namespaces and need root: run `make test-cluster` as root");
        NetworkLeftovers.Remove();
        var letter = (char)('a' + Interlocked.Increment(ref _networksMade) % 26);
        var network = new VirtualNetwork(new NetworkNames(Environment.ProcessId, letter));
        // A test process that is stopped (Ctrl+C, SIGTERM) rather than killed still removes what it made.
        AppDomain.CurrentDomain.ProcessExit += network.OnProcessExit;
        try
        {
            Ip.Run("link", "add", network._names.Bridge, "type", "bridge");
            AllowBridgedTraffic.Add(network._names.Bridge);
            Ip.Run("link", "set", network._names.Bridge, "up");
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return network;
    }

    /// <summary>Adds a host: a namespace whose eth0 is one end of a veth pair, the other end on the bridge.</summary>
    public NetworkHost AddHost()
    {
        var number = _hosts.Count + 1;
        var host = new NetworkHost(number, _names.Namespace(number), _names.BridgeLink(number), AddressPrefix + number);
        _hosts.Add(host);
        var inside = _names.NamespaceLinkBeforeMove(number);
        Ip.Run("netns", "add", host.Namespace);
        Ip.Run("link", "add", host.BridgeLink, "type", "veth", "peer", "name", inside);
        Ip.Run("link", "set", inside, "netns", host.Namespace);
        Ip.Run("link", "set", host.BridgeLink, "master", _names.Bridge, "up");
        InNamespace(host, "link", "set", inside, "name", "eth0");
        InNamespace(host, "addr", "add", $"{host.Address}/24", "dev", "eth0");
        InNamespace(host, "link", "set", "eth0", "up");
        InNamespace(host, "link", "set", "lo", "up");
        return host;
    }

    /// <summary>Cuts the host off: its link on the bridge goes down, and nothing gets in or out until <see cref="Reconnect"/>.</summary>
    public void CutOff(NetworkHost host) => Ip.Run("link", "set", host.BridgeLink, "down");

    public void Reconnect(NetworkHost host) => Ip.Run("link", "set", host.BridgeLink, "up");

    /// <summary>Cuts the host off for <paramref name="duration"/>, then reconnects it (also when the wait is cancelled).</summary>
    public async Task CutOffFor(NetworkHost host, TimeSpan duration, CancellationToken cancellation = default)
    {
        CutOff(host);
        try
        {
            await Task.Delay(duration, cancellation);
        }
        finally
        {
            Reconnect(host);
        }
    }

    private static void InNamespace(NetworkHost host, params string[] arguments) => Ip.Run(["-n", host.Namespace, .. arguments]);

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    /// <summary>Kills the processes in every namespace, then removes the namespaces (their veth pairs go with them) and the bridge.</summary>
    public void Dispose()
    {
        lock (_hosts)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var host in _hosts)
        {
            NetworkLeftovers.RemoveNamespace(host.Namespace);
            Ip.TryRun("link", "del", host.BridgeLink);
        }
        AllowBridgedTraffic.Remove(_names.Bridge);
        Ip.TryRun("link", "del", _names.Bridge);
    }
}
