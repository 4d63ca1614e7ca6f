using System.Text.RegularExpressions;

namespace Pipeline.Tests.Support.Network;

/// <summary>
/// The pipeline program on separate hosts (network namespaces, <see cref="VirtualNetwork"/>), as a user runs it on
/// several machines: one certificate folder for all (`cluster-certs`), a `worker` per host, a command as the
/// coordinator on host 1. Every node gets the same settings (<c>settings</c>), as the README asks. The cluster tests
/// and the cluster benchmark share it.
/// </summary>
public sealed partial class PipelineCluster : IDisposable
{
    private readonly string _certificates;
    private readonly string _logs;
    private readonly string[] _settings;
    private readonly VirtualNetwork _network = VirtualNetwork.Create();
    private readonly List<NamespaceProcess> _processes = [];

    /// <param name="logs">The folder each node's log folder (logs-N, N its host number) goes in.</param>
    public PipelineCluster(string certificates, string logs, params string[] settings)
    {
        _certificates = certificates;
        _logs = logs;
        _settings = settings;
        CoordinatorHost = _network.AddHost();
    }

    public NetworkHost CoordinatorHost { get; }

    public VirtualNetwork Network => _network;

    private string[] On(NetworkHost host) =>
    [
        "-D", $"pipeline.cluster.coordinator-host={CoordinatorHost.Address}", "-D", $"pipeline.cluster.hostname={host.Address}",
        "-D", $"pipeline.cluster.tls.dir={_certificates}", "-D", $"pipeline.logging.directory={Path.Combine(_logs, $"logs-{host.Number}")}",
        "-D", "pipeline.cluster.down-unreachable-after=5s", "-D", "pipeline.logging.progress-interval=1s", .. _settings,
    ];

    /// <summary>A worker on a host of its own, started once and left running, as on a real machine.</summary>
    /// <param name="cores">The CPU cores it may use (taskset's list); all when null.</param>
    public NamespaceProcess StartWorker(string? cores = null)
    {
        var host = _network.AddHost();
        return Start(host, ["worker", .. On(host)], cores);
    }

    /// <summary>The command (tag, extract, train, ...) on the coordinator's host, with pipeline.cluster.enabled on.</summary>
    public NamespaceProcess Run(params string[] command) => RunOn(null, command);

    /// <summary><see cref="Run"/> on the CPU cores in <paramref name="cores"/> alone.</summary>
    public NamespaceProcess RunOn(string? cores, params string[] command) =>
        Start(CoordinatorHost, [.. command, "-D", "pipeline.cluster.enabled=on", .. On(CoordinatorHost)], cores);

    private NamespaceProcess Start(NetworkHost host, string[] args, string? cores)
    {
        var process = NamespaceProcess.Start(host, "pipeline.dll", args, cores);
        lock (_processes)
            _processes.Add(process);
        return process;
    }

    /// <summary>Every node's stderr (the coordinator's first), to explain a failure: what each node saw.</summary>
    public string Logs()
    {
        lock (_processes)
            return string.Join("\n", _processes.OrderBy(p => p.Host.Number).Select(p => $"--- {p.Host.Address} ---\n{p.Errors}"));
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

    /// <summary>Waits until the coordinator has logged a line holding every one of <paramref name="parts"/>.</summary>
    public static async Task<string> WhenLogged(NamespaceProcess coordinator, TimeSpan timeout, params string[] parts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (coordinator.Errors.Split('\n').FirstOrDefault(line => parts.All(line.Contains)) is { } line)
                return line;
            if (coordinator.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"no line holding {string.Join(" and ", parts)} (exited: {coordinator.HasExited}); stderr:\n{coordinator.Errors}");
            await Task.Delay(200);
        }
    }

    /// <summary>How many clips the worker on <paramref name="host"/> did, by the coordinator's last progress line.</summary>
    public static int DoneBy(NamespaceProcess coordinator, NetworkHost host) =>
        ByWorker().Matches(coordinator.Errors).LastOrDefault() is { } last
            ? Regex.Matches(last.Groups[1].Value, $@"{Regex.Escape(host.Address)}:\d+ (\d+)").Sum(m => int.Parse(m.Groups[1].Value))
            : 0;

    [GeneratedRegex(@"(\d+) of \d+ clips done")]
    private static partial Regex Progress();

    [GeneratedRegex(@"by worker: ([^\n]*)")]
    private static partial Regex ByWorker();

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
