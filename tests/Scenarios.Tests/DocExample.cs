using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>The complete example of docs/scenario-format.md, read from the doc itself.</summary>
internal static class DocExample
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RegioLab.Sim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("RegioLab.Sim.sln not found above the test output");
    }

    public static string Yaml()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenario-format.md"));
        var heading = doc.IndexOf("## A complete example", StringComparison.Ordinal);
        Assert.True(heading >= 0, "docs/scenario-format.md has no heading '## A complete example'");
        var fence = doc.IndexOf("```yaml\n", heading, StringComparison.Ordinal);
        Assert.True(fence >= 0, "docs/scenario-format.md has no ```yaml block after '## A complete example'");
        var start = fence + "```yaml\n".Length;
        return doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
    }

    public static Scenario Scenario()
    {
        var result = ScenarioLoader.LoadText(Yaml(), "scenario-format.md");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        return result.Scenario!;
    }
}
