using System.CommandLine;
using Pipeline.Host.Configuration;
using Pipeline.Host.Logging;
using Pipeline.Model.Training;
using static TorchSharp.torch;
using Serilog;

namespace Pipeline.Host.Cli;

/// <summary>What a command's handler starts from: validated settings, the log file, and the console writers.</summary>
public sealed class CommandContext
{
    private CommandContext(string command, ConfigLayers layers, PipelineSettings settings, TextWriter output)
    {
        Command = command;
        Layers = layers;
        Settings = settings;
        Output = output;
    }

    public string Command { get; }
    public ConfigLayers Layers { get; }
    public PipelineSettings Settings { get; }
    public TextWriter Output { get; }
    public string? LogFile { get; private set; }

    public static CommandContext Create(string command, ParseResult parse, TextWriter output) => Create(command, parse, output, []);

    /// <summary>As above, with settings a command's own options imply (path=value, option), over the user's -D overrides.</summary>
    public static CommandContext Create(string command, ParseResult parse, TextWriter output, IReadOnlyList<(string Assignment, string Origin)> implied)
    {
        var layers = ConfigLayers.Load(parse.GetValue(GlobalOptions.Config)?.FullName, parse.GetValue(GlobalOptions.Define) ?? [], implied);
        var settings = PipelineSettings.Read(new SettingsReader(layers));
        return new CommandContext(command, layers, settings, output);
    }

    /// <summary>
    /// libtorch's device and CPU threads for this process, before any torch work (the thread count cannot safely
    /// change after it): commands that train, evaluate or tag call it first.
    /// </summary>
    public Device ConfigureTorch()
    {
        var device = TorchRuntime.ResolveDevice(Settings.Training.Device);
        TorchRuntime.Configure(Settings.Training.Threads, device);
        return device;
    }

    /// <summary>Starts the run's log file in <paramref name="directory"/> (the run's own folder), or in the configured logs folder.</summary>
    public void StartLog(string? directory = null)
    {
        LogFile = RunLog.Start(Command, directory ?? Settings.Logging.Directory, Settings.Logging.Level);
        Log.Information("{Command} started; log file {LogFile}", Command, LogFile);
    }
}
