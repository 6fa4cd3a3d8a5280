namespace RegioLab.Sim.Silo;

/// <summary>The standalone silo process (the web host co-hosts a silo by default).</summary>
public static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        await Task.CompletedTask;
        return 0;
    }
}
