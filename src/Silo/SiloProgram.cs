using Microsoft.Extensions.Hosting;
using RegioLab.Sim.Silo.Hosting;

namespace RegioLab.Sim.Silo;

/// <summary>The standalone silo process; by default the web host co-hosts a silo instead.</summary>
internal static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var host = SiloSetup.BuildStandalone(args);
        await host.RunAsync();
        return 0;
    }
}
