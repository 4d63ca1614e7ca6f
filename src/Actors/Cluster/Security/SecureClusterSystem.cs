using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;

namespace Pipeline.Actors.Cluster.Security;

/// <summary>
/// Starts a cluster node's actor system with its transport protected as <see cref="ClusterSecurity"/> says: mutual
/// TLS where every peer must present a certificate the cluster's CA signed (Akka.NET 1.5.52 and later request and
/// check the client's certificate, the fix for CVE-2025-61778), or no TLS on a loopback address only.
/// </summary>
public static class SecureClusterSystem
{
    private const string HostnameKey = "akka.remote.dot-netty.tcp.hostname";

    /// <param name="nodeConfig">The node's configuration (<see cref="ClusterSetup.For"/> over the rest).</param>
    public static ActorSystem Create(ClusterSecurity security, Config nodeConfig)
    {
        if (security.TlsDirectory is not { } directory)
        {
            RefuseInsecureBinding(nodeConfig.GetString(HostnameKey), security);
            return ActorSystem.Create(ClusterSetup.SystemName, nodeConfig);
        }
        var credentials = ClusterCredentials.Load(directory, DateTime.Now);
        // The setup replaces the HOCON ssl section: our certificate, a certificate required from every peer, and
        // our CA as the only one trusted.
        var tls = new DotNettySslSetup(credentials.Node, suppressValidation: false, requireMutualAuthentication: true,
            validateCertificateHostname: false, PeerCertificateValidator.For(credentials.Authority));
        var config = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.enable-ssl = on").WithFallback(nodeConfig);
        var system = ActorSystem.Create(ClusterSetup.SystemName, BootstrapSetup.Create().WithConfig(config).And(tls));
        system.WhenTerminated.ContinueWith(_ => credentials.Dispose(), TaskScheduler.Default);
        return system;
    }

    /// <summary>
    /// Why the system shut itself down, when the reason was a failed TLS handshake on a connection it opened: the
    /// peer refused this node's certificate, or presented one this cluster's CA did not sign. Akka ends the node
    /// then (on purpose: it cannot be a member); a command reports this line and exits non-zero.
    /// </summary>
    public static string? Refusal(ActorSystem system) =>
        CoordinatedShutdown.Get(system).ShutdownReason is { } reason && reason.GetType().Name == "TlsHandshakeFailureReason"
            ? $"cluster TLS: {reason}: the peer refused this node's certificate or presented one this cluster's CA did not sign " +
              "(every node needs the same pipeline.cluster.tls.dir folder; the log has the details)"
            : null;

    private static void RefuseInsecureBinding(string hostname, ClusterSecurity security)
    {
        if (security.AllowInsecure || IsLoopback(hostname))
            return;
        throw new ClusterSecurityException(
            $"cluster: refusing to listen on {hostname} without TLS: anything that reaches that address could join the cluster. " +
            "Set pipeline.cluster.tls.dir on every node to the folder `pipeline cluster-certs --out DIR` writes, " +
            "or pipeline.cluster.allow-insecure = on on a network you trust");
    }

    /// <summary>Whether every address <paramref name="hostname"/> stands for is this machine's loopback.</summary>
    public static bool IsLoopback(string hostname)
    {
        if (IPAddress.TryParse(hostname, out var address))
            return IPAddress.IsLoopback(address);
        try
        {
            var addresses = Dns.GetHostAddresses(hostname);
            return addresses.Length > 0 && addresses.All(IPAddress.IsLoopback);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
