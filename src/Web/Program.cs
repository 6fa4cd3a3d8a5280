using RegioLab.Sim.Web;
using RegioLab.Sim.Web.Cli;

if (CommandLine.TryRun(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApplicationServices();
var app = builder.Build();
app.MapApplicationEndpoints();
app.Run();
return 0;
