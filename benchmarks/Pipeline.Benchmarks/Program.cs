using Pipeline.Benchmarks;

// `make bench` runs "all"; a single benchmark can be named: decode.
var which = args.Length > 0 ? args[0] : "all";
var benchDirectory = Path.GetFullPath(Environment.GetEnvironmentVariable("PIPELINE_BENCH_DIR") ?? ".bench");
var report = new Report();

var benchmarks = new Dictionary<string, Action>
{
    ["decode"] = () => DecodeBenchmark.Run(report, benchDirectory, clipCount: 300),
};

if (which != "all" && !benchmarks.ContainsKey(which))
{
    Console.Error.WriteLine($"unknown benchmark '{which}'; choose one of: all, {string.Join(", ", benchmarks.Keys)}");
    return 2;
}
foreach (var (name, run) in benchmarks)
{
    if (which == "all" || which == name)
        run();
}
Console.WriteLine($"report written to {report.Save(benchDirectory)}");
return 0;
