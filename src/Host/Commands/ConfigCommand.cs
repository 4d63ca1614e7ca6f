using Pipeline.Host.Configuration;
using System.CommandLine;
using Pipeline.Host.Cli;

namespace Pipeline.Host.Commands;

/// <summary>`config`: validates the layered configuration and prints the resolved pipeline section.</summary>
public static class ConfigCommand
{
    public static Command Build(TextWriter output)
    {
        var command = new Command("config", "Validate the configuration (defaults + --config + -D) and print the resolved settings");
        command.SetAction(parse =>
        {
            var context = CommandContext.Create("config", parse, output);
            output.WriteLine(ResolvedConfig.Render(context.Layers));
            return ExitCodes.Success;
        });
        return command;
    }
}
