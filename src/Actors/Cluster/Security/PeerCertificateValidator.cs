using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace Pipeline.Actors.Cluster.Security;

/// <summary>
/// Accepts a peer only if its certificate was signed by this cluster's CA. Akka's own validation
/// (<see cref="CertificateValidation.ValidateChain"/>) trusts the machine's CA store, so any certificate from a public
/// CA would pass and ours, from a private CA, would not; this builds the chain against our CA alone instead.
/// Host names are not checked: nodes reach each other by addresses no certificate can know in advance.
/// </summary>
public static class PeerCertificateValidator
{
    /// <summary>The callback Akka's DotNetty transport runs in every TLS handshake, on both ends of a connection.</summary>
    public static CertificateValidationCallback For(X509Certificate2 authority) => (certificate, _, peer, _, log) =>
    {
        if (certificate is null)
        {
            log.Warning("refused {0}: it presented no certificate", peer);
            return false;
        }
        if (ChainsTo(certificate, authority, DateTime.Now) is not { } problem)
            return true;
        log.Warning("refused {0}: its certificate ({1}, issued by {2}) {3}", peer, certificate.Subject, certificate.Issuer, problem);
        return false;
    };

    /// <summary>Null when <paramref name="certificate"/> was signed directly by <paramref name="authority"/> and both are valid at <paramref name="time"/>; else why not.</summary>
    public static string? ChainsTo(X509Certificate2 certificate, X509Certificate2 authority, DateTime time)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // The CA's key was thrown away after signing (cluster-certs), so there is nothing to revoke and no list to fetch.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = time;
        try
        {
            if (!chain.Build(certificate))
                return "is not signed by this cluster's CA or not valid now: " +
                       string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct());
            // A node certificate is signed by the CA itself: nothing in between, and never the CA certificate alone.
            var elements = chain.ChainElements;
            if (elements.Count != 2 || !elements[1].Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span))
                return "is not a node certificate signed by this cluster's CA";
            return null;
        }
        finally
        {
            foreach (var element in chain.ChainElements)
                element.Certificate.Dispose();
        }
    }
}
