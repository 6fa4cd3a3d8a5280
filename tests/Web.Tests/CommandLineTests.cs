using System.Text.Json;
using RegioLab.Sim.Web.Cli;

namespace RegioLab.Sim.Web.Tests;

public sealed class CommandLineTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.TryRun(args, output, error);
        Assert.NotNull(exit);
        return (exit.Value, output.ToString(), error.ToString());
    }

    [Fact]
    public void Validate_exits_zero_and_ends_with_one_valid_line_for_a_valid_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"valid-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, RegioLab.Sim.Scenarios.BuiltIn.BuiltInScenarios.ReadText("buurthuis"));
        try
        {
            var (exit, output, _) = Run("validate", path);
            Assert.Equal(0, exit);
            Assert.Equal($"{path}: valid, 0 warnings\n", output.ReplaceLineEndings("\n"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_prints_one_compiler_style_line_per_problem_and_exits_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "id: x\ntitel: oops\n");
        try
        {
            var (exit, output, error) = Run("validate", path, "/no/such/file.yaml");
            Assert.Equal(1, exit);
            Assert.Equal(string.Empty, error);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains($"{path}:2:1: error RLS011: unknown key 'titel' in scenario; did you mean 'title'?", output);
            Assert.Contains("/no/such/file.yaml:1:1: error RLS001: no such file", lines);
            Assert.All(lines, l => Assert.Matches(@"^.+:\d+:\d+: (error|warning) RLS\d{3}: .+$", l));
            Assert.DoesNotContain("   at ", output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_counts_the_warnings_of_a_file_that_loads()
    {
        var path = Path.Combine(Path.GetTempPath(), $"warned-{Guid.NewGuid():N}.yaml");
        var yaml = RegioLab.Sim.Scenarios.BuiltIn.BuiltInScenarios.ReadText("buurthuis")!;
        var plainTitle = System.Text.RegularExpressions.Regex.Replace(yaml.ReplaceLineEndings("\n"), @"^title:.*\n(?:  .*\n)*", "title: Het buurthuis\n", System.Text.RegularExpressions.RegexOptions.Multiline);
        File.WriteAllText(path, plainTitle);
        try
        {
            var (exit, output, _) = Run("validate", path);
            Assert.Equal(0, exit);
            var lines = output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(" warning RLS053: ", lines[0], StringComparison.Ordinal);
            Assert.Equal($"{path}: valid, 1 warning", lines[^1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("validate", "--help")]
    [InlineData("simulate", "-h")]
    [InlineData("balance", "--help")]
    public void Help_prints_the_usage_of_every_verb_and_does_not_start_the_host(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.Contains("validate FILE...", output, StringComparison.Ordinal);
        Assert.Contains("simulate --scenario ID|FILE --players N --seed S", output, StringComparison.Ordinal);
        Assert.Contains("help, --help, -h", output, StringComparison.Ordinal);
        foreach (var verb in new[] { "balance --scenario ID|FILE [--games N] [--players N|all] [--seed S] [--json]", "backup --to PATH", "restore --from BACKUP" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_without_files_prints_usage_and_exits_two()
    {
        var (exit, _, error) = Run("validate");
        Assert.Equal(2, exit);
        Assert.Contains("usage", error);
    }

    [Fact]
    public void Simulate_json_is_one_object_and_byte_identical_for_the_same_arguments()
    {
        var first = Run("simulate", "--scenario", "energiecooperatie", "--players", "5", "--seed", "7", "--bots", "greedy", "--json");
        var second = Run("simulate", "--scenario", "energiecooperatie", "--players", "5", "--seed", "7", "--bots", "greedy", "--json");
        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Out, second.Out);
        Assert.Single(first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        using var json = JsonDocument.Parse(first.Out);
        var root = json.RootElement;
        foreach (var key in new[] { "scenario", "seed", "players", "rounds", "seats", "metrics", "communityScore", "contribution", "events", "achievements" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing {key}");
        }

        Assert.Equal(5, root.GetProperty("seats").GetArrayLength());
        Assert.All(root.GetProperty("seats").EnumerateArray(), s => Assert.Equal(root.GetProperty("rounds").GetInt32(), s.GetProperty("roles").GetArrayLength()));
        var shares = root.GetProperty("contribution").EnumerateObject().Select(p => p.Value.GetDouble()).ToList();
        Assert.All(shares, s => Assert.InRange(s, 0, 1));
        Assert.InRange(shares.Sum(), 0.99, 1.01);
    }

    [Fact]
    public void Simulate_prints_a_readable_summary_without_json()
    {
        var (exit, output, _) = Run("simulate", "--scenario", "buurthuis", "--players", "4", "--seed", "1");
        Assert.Equal(0, exit);
        Assert.Contains("community score:", output);
        Assert.Contains("seat 0:", output);
    }

    [Theory]
    [InlineData("--scenario", "buurthuis", "--players", "4")]
    [InlineData("--scenario", "buurthuis", "--players", "four", "--seed", "1")]
    [InlineData("--scenario", "buurthuis", "--players", "4", "--seed", "1", "--bots", "lazy")]
    [InlineData("--scenario", "buurthuis", "--players", "40", "--seed", "1")]
    [InlineData("--frobnicate")]
    public void Simulate_with_bad_arguments_prints_usage_and_exits_two(params string[] args)
    {
        var (exit, output, error) = Run(["simulate", .. args]);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("usage: simulate", error);
    }

    [Fact]
    public void Simulate_with_an_invalid_scenario_file_reports_its_diagnostics()
    {
        var (exit, _, error) = Run("simulate", "--scenario", "/no/such.yaml", "--players", "4", "--seed", "1");
        Assert.Equal(1, exit);
        Assert.Contains("RLS001", error);
    }

    [Fact]
    public void Balance_json_is_one_object_with_warnings_beside_the_figures_and_the_same_for_the_same_seed()
    {
        var first = Run("balance", "--scenario", "buurthuis", "--games", "3", "--players", "4", "--seed", "9", "--json");
        var second = Run("balance", "--scenario", "buurthuis", "--games", "3", "--players", "4", "--seed", "9", "--json");
        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Out, second.Out);
        Assert.Single(first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        using var json = JsonDocument.Parse(first.Out);
        var root = json.RootElement;
        Assert.Equal("buurthuis", root.GetProperty("scenario").GetString());
        Assert.Equal(3, root.GetProperty("games").GetInt32());
        Assert.All(root.GetProperty("warnings").EnumerateArray(), w =>
        {
            Assert.False(string.IsNullOrEmpty(w.GetProperty("code").GetString()));
            Assert.False(string.IsNullOrEmpty(w.GetProperty("message").GetProperty("en").GetString()));
            Assert.False(string.IsNullOrEmpty(w.GetProperty("subject").GetString()));
        });
        var table = Assert.Single(root.GetProperty("tables").EnumerateArray());
        Assert.Equal(4, table.GetProperty("players").GetInt32());
        Assert.Equal(["random", "greedy", "cooperative"], table.GetProperty("bots").EnumerateArray().Select(b => b.GetProperty("bot").GetString()));
        Assert.All(table.GetProperty("bots").EnumerateArray(), b => Assert.Equal(3, b.GetProperty("score").GetProperty("histogram").EnumerateArray().Sum(h => h.GetProperty("count").GetInt32())));
        Assert.Contains(root.GetProperty("content").EnumerateArray(), c => c.GetProperty("kind").GetString() == "option");
    }

    [Fact]
    public void Balance_prints_warnings_first_then_a_block_per_player_count()
    {
        var (exit, output, _) = Run("balance", "--scenario", "stadstuin", "--games", "2", "--players", "all", "--seed", "1");
        Assert.Equal(0, exit);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.StartsWith("stadstuin v", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("warnings: ", lines[1], StringComparison.Ordinal);
        var firstBlock = Array.FindIndex(lines, l => l.Contains(" players — cooperation premium", StringComparison.Ordinal));
        Assert.True(firstBlock > 1);
        Assert.Equal(6, lines.Count(l => l.Contains(" players — cooperation premium", StringComparison.Ordinal)));
        Assert.Contains("content chosen", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--games", "3")]
    [InlineData("--scenario", "buurthuis", "--games", "0")]
    [InlineData("--scenario", "buurthuis", "--players", "some")]
    [InlineData("--scenario", "buurthuis", "--players", "2")]
    [InlineData("--scenario", "buurthuis", "--seed", "-1")]
    [InlineData("--scenario", "buurthuis", "--bots", "greedy")]
    public void Balance_with_bad_arguments_prints_usage_and_exits_two(params string[] args)
    {
        var (exit, output, error) = Run(["balance", .. args]);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("usage: balance", error);
    }

    [Fact]
    public void Arguments_that_name_no_verb_start_the_host_instead()
    {
        Assert.Null(CommandLine.TryRun(["--urls", "http://127.0.0.1:0"], TextWriter.Null, TextWriter.Null));
    }
}
