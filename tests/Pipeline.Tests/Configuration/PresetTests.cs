using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Host.Configuration;
using Pipeline.Model.Models;
using Pipeline.Model.Training;
using Pipeline.Model.Training.Schedules;
using Pipeline.Streams.Clips;
using Pipeline.Streams.Graph;
using Pipeline.Streams.Windows;
using Pipeline.Tests.Support;

namespace Pipeline.Tests.Configuration;

/// <summary>
/// Every recipe in hocon/presets/ loads the way `config --config` loads it and sets what its header says the paper or
/// repository used; each header names its source and the ROC-AUC it reported.
/// </summary>
public sealed partial class PresetTests
{
    private static string PresetFile(string name) => Path.Combine(ConfigLayers.DefaultsDirectory, "presets", name + ".conf");

    public sealed record Recipe(Architecture Architecture, int SampleRate, TrainingWindows Windows, OptimizerKind Optimizer,
        double LearningRate, int BatchSize, ScheduleKind Schedule, double WeightDecay, double LrDecay, int Patience, double RocAuc);

    public static readonly IReadOnlyDictionary<string, Recipe> Recipes = new Dictionary<string, Recipe>
    {
        ["lee2017-samplecnn39"] = new(Architecture.SampleCnn, 22_050, TrainingWindows.All, OptimizerKind.Sgd, 0.01, 23, ScheduleKind.Plateau, 0, 1e-6, 3, 0.9055),
        ["kim2018-se"] = new(Architecture.SampleCnnSe, 22_050, TrainingWindows.All, OptimizerKind.Sgd, 0.01, 23, ScheduleKind.Plateau, 0, 1e-6, 2, 0.9111),
        ["kim2018-rese"] = new(Architecture.SampleCnnReSe, 22_050, TrainingWindows.All, OptimizerKind.Sgd, 0.01, 23, ScheduleKind.Plateau, 0, 1e-6, 2, 0.9113),
        ["won2020-samplecnn"] = new(Architecture.Won2020SampleCnn, 16_000, TrainingWindows.Random, OptimizerKind.Adam, 1e-4, 16, ScheduleKind.Won2020, 1e-4, 0, 0, 0.9058),
        ["won2020-se"] = new(Architecture.Won2020SampleCnnSe, 16_000, TrainingWindows.Random, OptimizerKind.Adam, 1e-4, 16, ScheduleKind.Won2020, 1e-4, 0, 0, 0.9103),
        ["won2020-shortchunk"] = new(Architecture.Won2020ShortChunkCnn, 16_000, TrainingWindows.Random, OptimizerKind.Adam, 1e-4, 16, ScheduleKind.Won2020, 1e-4, 0, 0, 0.9126),
        ["won2020-shortchunk-res"] = new(Architecture.Won2020ShortChunkResNet, 16_000, TrainingWindows.Random, OptimizerKind.Adam, 1e-4, 16, ScheduleKind.Won2020, 1e-4, 0, 0, 0.9129),
    };

    public static TheoryData<string> Names => [.. Recipes.Keys];

    [Fact]
    public void The_presets_folder_holds_exactly_the_recipes_this_test_knows()
    {
        var files = Directory.GetFiles(Path.Combine(ConfigLayers.DefaultsDirectory, "presets"), "*.conf").Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(Recipes.Keys.Order(), files.Order());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_preset_loads_and_sets_its_references_architecture_rate_optimiser_and_schedule(string name)
    {
        var settings = PipelineSettings.Load(PresetFile(name), []);
        var recipe = Recipes[name];

        Assert.Equal(recipe.Architecture, settings.Model.Architecture);
        Assert.Equal(recipe.SampleRate, settings.Audio.SampleRate);
        Assert.Equal(59_049, settings.Provider.WindowSamples);
        if (settings.Model.IsMel)
            Assert.Equal(new MelSettings(16_000, 512, 256, 0, 8_000, 128), settings.Model.Mel);
        else
            Assert.Equal(59_049, settings.Model.InputSamples);
        Assert.Equal(recipe.Windows, settings.Provider.TrainingWindows);
        Assert.Equal(recipe.Optimizer, settings.Training.Optimizer);
        Assert.Equal(recipe.LearningRate, settings.Training.LearningRate);
        Assert.Equal(recipe.BatchSize, settings.Training.BatchSize);
        Assert.Equal(recipe.Schedule, settings.Training.Schedule.Kind);
        Assert.Equal(recipe.WeightDecay, settings.Training.WeightDecay);
        Assert.Equal(recipe.LrDecay, settings.Training.Schedule.LrDecay);
        Assert.Equal(StageStartMode.BestWeights, settings.Training.Schedule.StageStart);
        Assert.Equal(0, settings.Training.Schedule.ImprovementThreshold);
        Assert.True(settings.Training.Schedule.AwaitEpochEvaluation);
        if (recipe.Schedule == ScheduleKind.Plateau)
        {
            Assert.Equal((0.2, recipe.Patience, 4), (settings.Training.LrReductionFactor, settings.Training.LrPatience, settings.Training.MaxLrReductions));
            Assert.Equal(OptimiserSpec.From(settings.Training), new OptimiserSpec(OptimizerKind.Sgd, 0.9, Nesterov: true, WeightDecay: 0));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_presets_header_names_its_source_and_the_ROC_AUC_it_reported(string name)
    {
        var header = File.ReadLines(PresetFile(name)).TakeWhile(line => line.StartsWith('#')).ToList();

        Assert.StartsWith("# Preset: ", header[0]);
        var reported = Assert.Single(header, line => line.StartsWith("# Reported: ", StringComparison.Ordinal));
        Assert.Equal(Recipes[name].RocAuc, double.Parse(RocAuc().Match(reported).Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Contains(header, line => line.Contains(".py", StringComparison.Ordinal)); // the reference code it follows
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_readme_presets_table_reports_the_same_ROC_AUC_as_the_presets_header(string name)
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var row = Assert.Single(readme, line => line.StartsWith($"| `{name}` |", StringComparison.Ordinal));

        Assert.Contains(Recipes[name].RocAuc.ToString("0.0000", CultureInfo.InvariantCulture), row);
    }

    [Fact]
    public void The_won2020_schedule_with_snapshots_between_epochs_is_refused_naming_both_keys()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            PipelineSettings.Load(PresetFile("won2020-se"), ["pipeline.training.snapshot-every-steps=100"]));

        Assert.Contains("pipeline.training.schedule", error.Message);
        Assert.Contains("snapshot-every-steps = 0", error.Message);
    }

    [GeneratedRegex(@"ROC-AUC (0\.\d{4})")]
    private static partial Regex RocAuc();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pipeline.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException($"no Pipeline.sln above {AppContext.BaseDirectory}");
    }
}
