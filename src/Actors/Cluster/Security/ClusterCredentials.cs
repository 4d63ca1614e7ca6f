using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pipeline.Actors.Cluster.Security;

/// <summary>
/// What a node proves itself with (its certificate and key) and checks its peers against (the cluster's CA), read
/// from the folder `cluster-certs` wrote. Everything that can be wrong with the folder is found here, before the node
/// starts, and reported in one line that names the file.
/// </summary>
public sealed class ClusterCredentials : IDisposable
{
    public const string AuthorityFile = "ca.crt";
    public const string NodeFile = "node.pfx";
    public const string PasswordFile = "node.pass";
    public const string ReadmeFile = "README.txt";

    private ClusterCredentials(X509Certificate2 node, X509Certificate2 authority)
    {
        Node = node;
        Authority = authority;
    }

    /// <summary>This node's certificate, with its private key.</summary>
    public X509Certificate2 Node { get; }

    /// <summary>The cluster's CA certificate: a peer is accepted only if this signed its certificate.</summary>
    public X509Certificate2 Authority { get; }

    public static ClusterCredentials Load(string directory, DateTime now)
    {
        if (!Directory.Exists(directory))
            throw Problem(directory, "no such folder (pipeline.cluster.tls.dir: `pipeline cluster-certs --out DIR` writes one; copy it to every node)");
        var authorityPath = Path.Combine(directory, AuthorityFile);
        var nodePath = Path.Combine(directory, NodeFile);
        var passwordPath = Path.Combine(directory, PasswordFile);

        var authority = ReadAuthority(authorityPath);
        X509Certificate2? node = null;
        try
        {
            node = ReadNode(nodePath, ReadPassword(passwordPath), passwordPath);
            CheckDates(node, nodePath, now);
            CheckDates(authority, authorityPath, now);
            if (PeerCertificateValidator.ChainsTo(node, authority, now) is { } problem)
                throw Problem(nodePath, $"{problem} (it and {AuthorityFile} come from different cluster-certs runs: copy the whole folder)");
            return new ClusterCredentials(node, authority);
        }
        catch
        {
            node?.Dispose();
            authority.Dispose();
            throw;
        }
    }

    private static X509Certificate2 ReadAuthority(string path)
    {
        var text = ReadFile(path, File.ReadAllText);
        X509Certificate2 authority;
        try
        {
            authority = X509Certificate2.CreateFromPem(text);
        }
        catch (CryptographicException e)
        {
            throw Problem(path, $"not a PEM certificate ({e.Message.TrimEnd('.')})", e);
        }
        if (authority.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            authority.Dispose();
            throw Problem(path, "is not a CA certificate (it must be the ca.crt that cluster-certs wrote)");
        }
        return authority;
    }

    private static string ReadPassword(string path)
    {
        var password = ReadFile(path, File.ReadAllText).TrimEnd('\r', '\n');
        return password.Length > 0 ? password : throw Problem(path, "is empty (it holds the password of node.pfx)");
    }

    private static X509Certificate2 ReadNode(string path, string password, string passwordPath)
    {
        var bytes = ReadFile(path, File.ReadAllBytes);
        X509Certificate2 node;
        try
        {
            node = X509CertificateLoader.LoadPkcs12(bytes, password, X509KeyStorageFlags.DefaultKeySet);
        }
        catch (CryptographicException e)
        {
            // The file parses as PKCS#12 without the password; it is then the password that does not fit.
            var readable = X509Certificate2.GetCertContentType(bytes) == X509ContentType.Pkcs12;
            throw Problem(path, readable
                ? $"wrong password (the one in {passwordPath} does not open it: both files must come from the same cluster-certs run)"
                : $"not a PKCS#12 certificate file ({e.Message.TrimEnd('.')})", e);
        }
        if (!node.HasPrivateKey)
        {
            node.Dispose();
            throw Problem(path, "holds no private key");
        }
        return node;
    }

    private static void CheckDates(X509Certificate2 certificate, string path, DateTime now)
    {
        if (now > certificate.NotAfter)
            throw Problem(path, $"the certificate expired on {certificate.NotAfter:yyyy-MM-dd HH:mm} " +
                                "(run pipeline cluster-certs again and give every node the new folder)");
        if (now < certificate.NotBefore)
            throw Problem(path, $"the certificate is not valid before {certificate.NotBefore:yyyy-MM-dd HH:mm} (is this machine's clock right?)");
    }

    /// <summary>Reads a file, turning "not there" and "not allowed" into one line that names it.</summary>
    private static T ReadFile<T>(string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (FileNotFoundException e)
        {
            throw Problem(path, "missing (copy the whole folder that pipeline cluster-certs wrote)", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Problem(path, "this user may not read it", e);
        }
        catch (IOException e)
        {
            throw Problem(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static ClusterSecurityException Problem(string path, string problem, Exception? inner = null) =>
        new($"cluster TLS: {path}: {problem}", inner);

    public void Dispose()
    {
        Node.Dispose();
        Authority.Dispose();
    }
}
