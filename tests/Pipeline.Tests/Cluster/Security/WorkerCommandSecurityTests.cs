using Pipeline.Host.Cli;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Datasets;

namespace Pipeline.Tests.Cluster.Security;

/// <summary>
/// The `worker` command, as a user runs it, stops with exit code 2 and one line when it cannot join securely: no TLS
/// on a network address, or a certificate folder it cannot use.
/// </summary>
public sealed class WorkerCommandSecurityTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _dir = new("worker-security");

    public void Dispose() => _dir.Dispose();

    /// <summary>An extraction folder (metadata only: the worker stops before it reads any audio).</summary>
    private (int Code, string[] Errors) Worker(params string[] settings)
    {
        string[] args = ["worker", "-D", $"pipeline.logging.directory={_dir.File("logs")}", .. settings];
        var (code, _, error) = PipelineProcess.Run(args, Limit);
        return (code, error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_worker_on_a_network_address_without_TLS_stops_with_one_line()
    {
        var (code, errors) = Worker("-D", "pipeline.cluster.hostname=10.77.0.2");

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains(errors, line => line.StartsWith("cluster: refusing to listen on 10.77.0.2 without TLS: ") &&
                                        line.EndsWith("or pipeline.cluster.allow-insecure = on on a network you trust"));
    }

    [Fact]
    public void A_worker_whose_certificate_folder_lacks_a_file_stops_with_one_line_naming_it()
    {
        var certificates = CertificateFolders.Make(_dir, "certificates");
        File.Delete(Path.Combine(certificates, "node.pass"));

        var (code, errors) = Worker("-D", "pipeline.cluster.hostname=10.77.0.2", "-D", $"pipeline.cluster.tls.dir={certificates}");

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains($"cluster TLS: {Path.Combine(certificates, "node.pass")}: missing (copy the whole folder that pipeline cluster-certs wrote)", errors);
    }

    [Fact]
    public async Task A_worker_with_another_clusters_certificate_is_refused_and_exits_with_one_line()
    {
        var ours = CertificateFolders.Make(_dir, "ours");
        var theirs = CertificateFolders.Make(_dir, "theirs");
        await using var nodes = new TlsNodes();
        var coordinator = Akka.Cluster.Cluster.Get(await nodes.StartSeed(ours)).SelfAddress;

        var (code, errors) = Worker("-D", $"pipeline.cluster.coordinator-port={coordinator.Port}", "-D", $"pipeline.cluster.tls.dir={theirs}");

        Assert.Equal(ExitCodes.UsageOrConfiguration, code);
        Assert.Contains(errors, line => line.StartsWith("cluster TLS: TLS handshake failed on outbound connection to ") &&
                                        line.Contains($":{coordinator.Port}]: the peer refused this node's certificate"));
    }
}
