using System.Text.RegularExpressions;
using Pipeline.Tests.Support;
using Pipeline.Tests.Support.Network;

namespace Pipeline.Tests.Cluster.Hosts;

/// <summary>
/// The pipeline program on separate hosts (network namespaces, <see cref="VirtualNetwork"/>), as a user runs it on
/// several machines: one certificate folder for all, a `worker` per host, a command as the coordinator on host 1.
/// Every node gets the same settings (<c>settings</c>), as the README asks.
/// </summary>
public sealed partial class PipelineCluster : IDisposable
{
    private readonly TempDirectory _dir;
    private readonly VirtualNetwork _network = VirtualNetwork.Create();
    private readonly string _certificates;
    private readonly string[] _settings;
    private readonly List<NamespaceProcess> _processes = [];

    public PipelineCluster(TempDirectory dir, params string[] settings)
    {
        _dir = dir;
        _certificates = CertificateFolders.Make(dir, "certificates");
        _settings = settings;
        CoordinatorHost = _network.AddHost();
    }

    public NetworkHost CoordinatorHost { get; }

    public VirtualNetwork Network => _network;

    private string[] On(NetworkHost host) =>
    [
        "-D", $"pipeline.cluster.coordinator-host={CoordinatorHost.Address}", "-D", $"pipeline.cluster.hostname={host.Address}",
        "-D", $"pipeline.cluster.tls.dir={_certificates}", "-D", $"pipeline.logging.directory={_dir.File($"logs-{host.Number}")}",
        "-D", "pipeline.cluster.down-unreachable-after=5s", "-D", "pipeline.logging.progress-interval=1s", .. _settings,
    ];

    /// <summary>A worker on a host of its own, started once and left running, as on a real machine.</summary>
    public NamespaceProcess StartWorker()
    {
        var host = _network.AddHost();
        return Start(host, ["worker", .. On(host)]);
    }

    /// <summary>The command (tag, extract, train, ...) on the coordinator's host, with pipeline.cluster.enabled on.</summary>
    public NamespaceProcess Run(params string[] command) =>
        Start(CoordinatorHost, [.. command, "-D", "pipeline.cluster.enabled=on", .. On(CoordinatorHost)]);

    private NamespaceProcess Start(NetworkHost host, string[] args)
    {
        var process = NamespaceProcess.Start(host, "pipeline.dll", args);
        lock (_processes)
            _processes.Add(process);
        return process;
    }

    /// <summary>How many of a job's clips the coordinator has logged done so far (its progress lines).</summary>
    public static int Done(NamespaceProcess coordinator) =>
        Progress().Matches(coordinator.Errors).Select(m => int.Parse(m.Groups[1].Value)).DefaultIfEmpty(0).Max();

    /// <summary>Waits until the coordinator has logged at least <paramref name="clips"/> clips done.</summary>
    public static async Task WhenDone(NamespaceProcess coordinator, int clips, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Done(coordinator) < clips)
        {
            if (coordinator.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"{clips} clips were not done in time (done: {Done(coordinator)}); stderr:\n{coordinator.Errors}");
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"(\d+) of \d+ clips done")]
    private static partial Regex Progress();

    public void Dispose()
    {
        lock (_processes)
        {
            foreach (var process in _processes)
                process.Dispose();
        }
        _network.Dispose();
    }
}
