namespace Pipeline.Actors.Cluster.Security;

/// <summary>
/// How a cluster node protects its transport (pipeline.cluster.tls.dir, pipeline.cluster.allow-insecure): mutual TLS
/// with the certificates `cluster-certs` wrote to <see cref="TlsDirectory"/>, or none (null). Without TLS a node
/// listens only on a loopback address unless <see cref="AllowInsecure"/> says the network is trusted.
/// </summary>
public sealed record ClusterSecurity(string? TlsDirectory, bool AllowInsecure)
{
    public bool Tls => TlsDirectory is not null;

    /// <summary>The protocol of node addresses: DotNetty's transport calls itself "ssl.tcp" when TLS is on.</summary>
    public string Protocol => Tls ? "akka.ssl.tcp" : "akka.tcp";
}
