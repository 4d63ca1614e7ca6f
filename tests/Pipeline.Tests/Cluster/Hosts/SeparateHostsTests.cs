using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Membership;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Network;

namespace Pipeline.Tests.Cluster.Hosts;

/// <summary>
/// Cluster nodes on separate hosts (network namespaces on one bridge, <see cref="VirtualNetwork"/>), each a process
/// of its own (tests/Pipeline.ClusterNode). Root only and slow: `make test-cluster`, not `make test`.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(SeparateHostsCollection.Name)]
public sealed class SeparateHostsTests : IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new("separate-hosts");
    private readonly VirtualNetwork _network = VirtualNetwork.Create();
    private readonly List<NamespaceProcess> _nodes = [];

    public void Dispose()
    {
        foreach (var node in _nodes)
            node.Dispose();
        _network.Dispose();
        _dir.Dispose();
    }

    private string Certificates(string name) => CertificateFolders.Make(_dir, name);

    /// <summary>A node on <paramref name="host"/> whose trainer (the seed) is <paramref name="trainer"/>.</summary>
    private NamespaceProcess Node(NetworkHost host, NetworkHost trainer, string? tls, params string[] more)
    {
        string[] args =
        [
            "--role", host == trainer ? ClusterRoles.Coordinator : ClusterRoles.Worker,
            "-D", $"pipeline.cluster.coordinator-host={trainer.Address}",
            "-D", $"pipeline.cluster.hostname={host.Address}",
            .. tls is null ? [] : (string[])["-D", $"pipeline.cluster.tls.dir={tls}"],
            .. more,
        ];
        var node = NamespaceProcess.Start(host, "pipeline-cluster-node.dll", args);
        _nodes.Add(node);
        return node;
    }

    private static string Address(NetworkHost host) => $"akka.ssl.tcp://{ClusterSetup.SystemName}@{host.Address}:";

    [Fact]
    public async Task A_TLS_cluster_across_hosts_refuses_a_host_with_another_clusters_certificate()
    {
        var ours = Certificates("ours");
        var theirs = Certificates("theirs");
        var (trainerHost, workerHost, strangerHost) = (_network.AddHost(), _network.AddHost(), _network.AddHost());

        var trainer = Node(trainerHost, trainerHost, ours);
        await trainer.WaitForLine(l => l.StartsWith($"up {Address(trainerHost)}"), Startup, "the trainer is up");
        var worker = Node(workerHost, trainerHost, ours, "--send", "hello");
        await trainer.WaitForLine(l => l.StartsWith($"up {Address(workerHost)}"), Startup, "the worker joined");
        await trainer.WaitForLine(l => l.StartsWith("received hello") && l.Contains(workerHost.Address), Startup, "the worker's message arrived");
        await worker.WaitForLine(l => l.StartsWith("reply got hello"), Startup, "the trainer's answer arrived");

        var stranger = Node(strangerHost, trainerHost, theirs, "--send", "intrusion");
        Assert.Equal(3, await stranger.WaitForExit(Startup));
        Assert.Contains(stranger.Lines, l => l.StartsWith("refused: cluster TLS: TLS handshake failed"));
        // The worker is still served, and nothing of the stranger's got in.
        var before = trainer.Lines.Count(l => l.StartsWith("received hello"));
        await trainer.WaitForLine(l => l.StartsWith("received hello") && trainer.Lines.Count(x => x.StartsWith("received hello")) > before + 2,
            Startup, "more of the worker's messages");
        Assert.DoesNotContain(trainer.Lines, l => l.Contains("intrusion") || l.Contains(strangerHost.Address));
        Assert.DoesNotContain(worker.Lines, l => l.Contains(strangerHost.Address));
    }

    [Fact]
    public async Task A_host_without_TLS_on_its_network_address_is_refused_before_it_listens()
    {
        var host = _network.AddHost();

        var node = Node(host, host, tls: null);

        Assert.Equal(2, await node.WaitForExit(Startup));
        Assert.Equal($"error: cluster: refusing to listen on {host.Address} without TLS: anything that reaches that address could join the cluster. " +
                     "Set pipeline.cluster.tls.dir on every node to the folder `pipeline cluster-certs --out DIR` writes, " +
                     "or pipeline.cluster.allow-insecure = on on a network you trust", node.Errors.Trim());
        Assert.Empty(node.Lines);
    }

    [Fact]
    public async Task A_host_cut_off_is_seen_unreachable_and_reachable_again_once_its_link_is_back()
    {
        var certificates = Certificates("cluster");
        var (trainerHost, workerHost) = (_network.AddHost(), _network.AddHost());
        // Long enough that the cut-off worker is not taken out of the cluster while its link is down.
        const string keep = "pipeline.cluster.down-unreachable-after=120s";
        var trainer = Node(trainerHost, trainerHost, certificates, "-D", keep);
        await trainer.WaitForLine(l => l.StartsWith($"up {Address(trainerHost)}"), Startup, "the trainer is up");
        var worker = Node(workerHost, trainerHost, certificates, "-D", keep);
        await trainer.WaitForLine(l => l.StartsWith($"up {Address(workerHost)}"), Startup, "the worker joined");

        _network.CutOff(workerHost);
        await trainer.WaitForLine(l => l.StartsWith($"unreachable {Address(workerHost)}"), Startup, "the worker unreachable");
        await worker.WaitForLine(l => l.StartsWith($"unreachable {Address(trainerHost)}"), Startup, "the trainer unreachable from the worker");
        _network.Reconnect(workerHost);

        await trainer.WaitForLine(l => l.StartsWith($"reachable {Address(workerHost)}"), Startup, "the worker reachable again");
        await worker.WaitForLine(l => l.StartsWith($"reachable {Address(trainerHost)}"), Startup, "the trainer reachable again");
        Assert.DoesNotContain(trainer.Lines, l => l.StartsWith("removed"));
    }
}
