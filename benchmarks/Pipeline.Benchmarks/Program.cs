using Pipeline.Benchmarks;

// `make bench` runs "all"; single benchmarks: libtorch-defects, decode, extract, provider, shuffle, cluster, training, tagging (`tagging N`: N clips),
// time-to-accuracy (the demo recipe trained in fp32 and in bf16, the sample-level recipe in bf16).
var which = args.Length > 0 ? args[0] : "all";
var benchDirectory = Path.GetFullPath(Environment.GetEnvironmentVariable("PIPELINE_BENCH_DIR") ?? ".bench");

const int ExtractClips = 2_000;
var extracted = Path.Combine(benchDirectory, $"mtat-{ExtractClips}-extracted");
var report = new Report();
var benchmarks = new Dictionary<string, Action>
{
    // First, in a fresh process: the defect needs freed memory as the earliest torch work leaves it.
    ["libtorch-defects"] = () => LibTorchDefectCheck.Run(report),
    ["decode"] = () => DecodeBenchmark.Run(report, benchDirectory, clipCount: 300),
    ["extract"] = () => ExtractBenchmark.Run(report, benchDirectory, ExtractClips),
    ["provider"] = () => ProviderBenchmark.Run(report, RequireExtracted(extracted)),
    ["shuffle"] = () => ShuffleBenchmark.Run(report),
    ["cluster"] = () => ClusterBenchmark.Run(report, benchDirectory, RequireExtracted(extracted)),
    ["training"] = () => TrainingBenchmark.Run(report, extracted, benchDirectory, steps: 30, evaluationClips: 50),
    ["tagging"] = () => TaggingBenchmark.Run(report, benchDirectory, clipCount: which == "tagging" && args.Length > 1 ? int.Parse(args[1]) : 500),
    ["time-to-accuracy"] = () => TimeToAccuracyBenchmark.Run(report, benchDirectory,
        [new(Path.GetFullPath("hocon/demo.conf"), "fp32"), new(Path.GetFullPath("hocon/demo.conf"), "bf16"), new(Path.GetFullPath("hocon/small-samplecnn.conf"), "bf16")]),
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

static string RequireExtracted(string extracted) =>
    File.Exists(Path.Combine(extracted, "summary.json"))
        ? extracted
        : throw new InvalidOperationException($"{extracted} is missing: run the extract benchmark first (make bench runs all)");
