using Akka.Actor;
using Pipeline.Actors.Cluster;
using Pipeline.Actors.Cluster.Membership;
using Pipeline.Actors.Cluster.Security;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Cluster.Security;

/// <summary>
/// Mutual TLS on loopback: nodes with certificates from one `cluster-certs` run form a cluster and exchange messages;
/// a node with another run's certificates, or without TLS, cannot join, and nothing it sends reaches an actor.
/// </summary>
public sealed class ClusterTlsTests : IDisposable
{
    private readonly TempDirectory _dir = new("cluster-tls");

    public void Dispose() => _dir.Dispose();

    private string Certificates(string name) => CertificateFolders.Make(_dir, name);

    private static Address AddressOf(ActorSystem system) => Akka.Cluster.Cluster.Get(system).SelfAddress;

    private static async Task Eventually(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what} did not happen within {within}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends a message a second for a few seconds, as a node that keeps trying would.</summary>
    private static async Task KeepSending(ActorSystem from, Address to)
    {
        for (var i = 0; i < 8 && !from.WhenTerminated.IsCompleted; i++)
        {
            TlsNodes.Inbox(from, to).Tell($"intrusion {i}");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task Nodes_with_certificates_from_one_run_form_a_cluster_and_exchange_messages()
    {
        var certificates = Certificates("cluster");
        await using var nodes = new TlsNodes();
        var seed = await nodes.StartSeed(certificates);
        var worker = nodes.Start(certificates);
        Akka.Cluster.Cluster.Get(worker).Join(AddressOf(seed));

        await Eventually(() => TlsNodes.UpMembers(seed).Count == 2, TimeSpan.FromSeconds(30), "the worker joining");
        Assert.Equal("akka.ssl.tcp", AddressOf(seed).Protocol);
        var reply = await TlsNodes.Inbox(worker, AddressOf(seed)).Ask<string>("hello", TimeSpan.FromSeconds(10));
        Assert.Equal("got hello", reply);
        Assert.Equal(new object[] { "hello" }, nodes.Received[seed].ToArray());
    }

    [Fact]
    public async Task A_node_with_another_clusters_certificate_cannot_join_and_nothing_it_sends_arrives()
    {
        var ours = Certificates("ours");
        var theirs = Certificates("theirs");
        await using var nodes = new TlsNodes();
        var seed = await nodes.StartSeed(ours);
        var stranger = nodes.Start(theirs);

        Akka.Cluster.Cluster.Get(stranger).Join(AddressOf(seed));
        await KeepSending(stranger, AddressOf(seed));

        // Akka ends a node whose outgoing TLS handshake failed; the refusal says why.
        await stranger.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("TLS handshake failed", SecureClusterSystem.Refusal(stranger));
        Assert.Empty(nodes.Received[seed]);
        Assert.Single(TlsNodes.UpMembers(seed));
        Assert.False(seed.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task A_node_without_TLS_cannot_join_a_TLS_cluster_and_nothing_it_sends_arrives()
    {
        await using var nodes = new TlsNodes();
        var seed = await nodes.StartSeed(Certificates("cluster"));
        var plain = nodes.Start(tlsDirectory: null);
        // The same host and port, spoken to without TLS: all a node without certificates can do.
        var seedWithoutTls = new Address("akka.tcp", AddressOf(seed).System, AddressOf(seed).Host, AddressOf(seed).Port);

        Akka.Cluster.Cluster.Get(plain).Join(seedWithoutTls);
        await KeepSending(plain, seedWithoutTls);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Empty(nodes.Received[seed]);
        Assert.Single(TlsNodes.UpMembers(seed));
        Assert.Empty(TlsNodes.UpMembers(plain));
        Assert.False(seed.WhenTerminated.IsCompleted);
    }

    [Fact]
    public void A_node_refuses_to_listen_on_a_network_address_without_TLS()
    {
        var settings = LoopbackCluster.Settings with { Hostname = "10.77.0.2" };

        var refused = Assert.Throws<ClusterSecurityException>(() => SecureClusterSystem.Create(settings.Security,
            ClusterSetup.For(settings, ClusterRoles.Worker, portOverride: 0).WithFallback(TestAkka.Config)));

        Assert.Contains("refusing to listen on 10.77.0.2 without TLS", refused.Message);
        Assert.Contains("pipeline.cluster.tls.dir", refused.Message);
        Assert.Contains("pipeline.cluster.allow-insecure = on", refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public async Task Allow_insecure_lets_a_node_listen_on_every_address_without_TLS()
    {
        var settings = LoopbackCluster.Settings with { Hostname = "0.0.0.0", Security = new ClusterSecurity(null, AllowInsecure: true) };

        var system = SecureClusterSystem.Create(settings.Security,
            ClusterSetup.For(settings, ClusterRoles.Worker, portOverride: 0).WithFallback(TestAkka.Config));

        Assert.Equal("akka.tcp", AddressOf(system).Protocol);
        Assert.True(AddressOf(system).Port > 0);
        await system.Terminate();
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.3.4.5", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("no-such-host.invalid", false)]
    public void Only_loopback_addresses_count_as_loopback(string hostname, bool loopback) =>
        Assert.Equal(loopback, SecureClusterSystem.IsLoopback(hostname));
}
