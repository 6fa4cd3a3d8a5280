using RegioLab.Sim.Silo.Hosting;
using RegioLab.Sim.Web;
using RegioLab.Sim.Web.Cli;

if (CommandLine.TryRun(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

// The content root is the build output, so the host finds its settings from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// One process by default: this host also runs the Orleans silo (localhost clustering, SQLite).
// With Web:CoHostSilo=false it is a client of a cluster of standalone silos (deploy/).
if (builder.Configuration.GetSection(WebOptions.Section).GetValue(nameof(WebOptions.CoHostSilo), defaultValue: true))
{
    builder.UseOrleans(silo => silo.UseRegioLab(builder.Configuration));
}
else
{
    builder.UseOrleansClient(client => client.UseRegioLabClient(builder.Configuration));
}

builder.Services.AddApplicationServices();
builder.Services.AddObservability(builder.Configuration);
var app = builder.Build();
app.MapApplicationEndpoints();
app.Lifetime.ApplicationStarted.Register(() => app.PrintAddresses());
app.Run();
return 0;
