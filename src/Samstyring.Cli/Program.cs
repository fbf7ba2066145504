using Samstyring.Cli;

return await CliApp.RunAsync(args, CliConsole.Standard);
