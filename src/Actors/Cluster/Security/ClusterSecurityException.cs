namespace Pipeline.Actors.Cluster.Security;

/// <summary>
/// A node cannot start securely: a certificate file is missing, unreadable, expired or from another cluster, or the
/// node would listen on the network without TLS. One line that names the file or the setting to change.
/// </summary>
public sealed class ClusterSecurityException(string message, Exception? inner = null) : Exception(message, inner);
