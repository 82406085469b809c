using EduDuty.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error);
