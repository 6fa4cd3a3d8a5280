namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// Tests that measure how long something takes to within a second or two run alone, after the others:
/// beside a class that kills silos or starts PostgreSQL, one scheduling stall on two cores decides the
/// result (a presence check measured 12.0 s instead of 9 in one CI run of the silo tests).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}
