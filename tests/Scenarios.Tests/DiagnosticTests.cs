using System.Text;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>
/// Every stable diagnostic code (src/Scenarios/Validation/Codes.cs), each produced by a small
/// scenario and checked for code, severity, exact 1-based line and column, and a message that says
/// what was expected and what was found; plus hostile and odd inputs that must never throw.
/// </summary>
public sealed class DiagnosticTests : IDisposable
{
    private const string File = "test.yaml";

    /// <summary>
    /// A small valid scenario. Line numbers are fixed: the tests below compute positions from them.
    /// Appended text starts at line 43.
    /// </summary>
    private const string BaseYaml = """
        id: base
        title: { nl: Basis, en: Base }
        summary: { nl: Een kleine test., en: A small test. }
        players: { min: 2, max: 2 }
        metrics:
          - id: trust
            label: { nl: Vertrouwen, en: Trust }
            min: 0
            max: 100
            start: 50
        roles:
          - id: alderman
            name: { nl: Wethouder, en: Alderman }
            description: { nl: Bestuurt de gemeente., en: Governs the town. }
            brief: { nl: Je wilt herkozen worden., en: You want to be re-elected. }
            resources:
              - { id: capital, label: { nl: Kapitaal, en: Capital }, start: 10 }
          - id: resident
            name: { nl: Bewoner, en: Resident }
            description: { nl: Woont in de wijk., en: Lives in the area. }
            brief: { nl: Je wilt gehoord worden., en: You want to be heard. }
        rounds:
          count: 3
          phases:
            - id: talk
              label: { nl: Praten, en: Talk }
              duration: 4m
        actions:
          - id: listen
            role: alderman
            phases: [talk]
            label: { nl: Luisteren, en: Listen }
            description: { nl: Luister naar de buurt., en: Listen to the area. }
            cost: { capital: 1 }
            effects: { trust: 5 }
          - id: speak
            role: resident
            phases: [talk]
            label: { nl: Spreken, en: Speak }
            description: { nl: Zeg wat je denkt., en: Say what you think. }
            condition: "trust < 100"
            effects: { trust: 1 }

        """;

    /// <summary>A valid dilemma section; appended to the base it occupies lines 43-51.</summary>
    private const string DilemmaYaml = """
        dilemmas:
          - id: storm
            title: { nl: Storm, en: Storm }
            text: { nl: Er komt storm., en: A storm is coming. }
            when: { round: 2 }
            decided_by: alderman
            options:
              - { id: repair, label: { nl: Herstellen, en: Repair }, effects: { trust: 5 } }
              - { id: wait, label: { nl: Wachten, en: Wait }, effects: { trust: -5 } }

        """;

    private readonly string tempDirectory = Directory.CreateTempSubdirectory("regiolab-diagnostics-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(tempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }

    // ---- the base scenario -------------------------------------------------------------

    [Fact]
    public void The_base_scenario_loads_without_errors_or_warnings()
    {
        var result = Load(Base());

        AssertClean(result);
        Assert.Equal("base", result.Scenario!.Id);
        Assert.Equal(2, result.Scenario.Roles.Length);
        Assert.Equal(2, result.Scenario.Actions.Length);
    }

    [Fact]
    public void The_base_scenario_with_the_dilemma_section_loads_without_errors_or_warnings()
    {
        var result = Load(Base(DilemmaYaml));

        AssertClean(result);
        Assert.Equal("storm", Assert.Single(result.Scenario!.Dilemmas).Id);
    }

    // ---- file level: RLS001-RLS003 -----------------------------------------------------

    [Fact]
    public void Missing_file_or_a_directory_is_reported_as_unreadable_RLS001()
    {
        var missing = Path.Combine(tempDirectory, "does-not-exist.yaml");
        var result = ScenarioLoader.LoadFile(missing);
        var diagnostic = AssertReported(result, Codes.FileUnreadable, Severity.Error, 1, 1, "no such file");
        Assert.Equal(missing, diagnostic.File);

        var directory = Directory.CreateDirectory(Path.Combine(tempDirectory, "a-folder.yaml")).FullName;
        result = ScenarioLoader.LoadFile(directory);
        diagnostic = AssertReported(result, Codes.FileUnreadable, Severity.Error, 1, 1, "this is a directory", "expected a scenario file");
        Assert.Equal(directory, diagnostic.File);
    }

    [Fact]
    public void File_larger_than_one_mebibyte_is_rejected_before_parsing_RLS002()
    {
        var path = Path.Combine(tempDirectory, "huge.yaml");
        var size = ScenarioLoader.MaxFileBytes + 1;
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)'#');
        System.IO.File.WriteAllBytes(path, bytes);

        var result = ScenarioLoader.LoadFile(path);

        var diagnostic = AssertReported(result, Codes.FileTooLarge, Severity.Error, 1, 1,
            $"the file is {size:N0} bytes", "at most", "(1 MiB)");
        Assert.Equal(path, diagnostic.File);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Binary_bytes_or_invalid_utf8_are_reported_as_not_text_RLS003()
    {
        var binary = Path.Combine(tempDirectory, "binary.yaml");
        System.IO.File.WriteAllBytes(binary, [.. "id: base\n"u8, 0x00, .. "title: x\n"u8]);
        var result = ScenarioLoader.LoadFile(binary);
        AssertReported(result, Codes.NotText, Severity.Error, 1, 1, "binary data (a zero byte)", "expected UTF-8 text");

        var latin1 = Path.Combine(tempDirectory, "latin1.yaml");
        System.IO.File.WriteAllBytes(latin1, [.. "id: base\ntitle: caf"u8, 0xE9, .. "\n"u8]); // 'é' in Latin-1
        result = ScenarioLoader.LoadFile(latin1);
        AssertReported(result, Codes.NotText, Severity.Error, 1, 1, "not valid UTF-8");
    }

    // ---- YAML level: RLS004-RLS008 -----------------------------------------------------

    [Fact]
    public void Yaml_syntax_error_is_reported_where_the_parser_stopped_RLS004()
    {
        // Line 3: "summary: bad: value" - the second ': ' (column 13) starts a mapping where none may be.
        var yaml = Base(swaps: ("summary: { nl: Een kleine test., en: A small test. }", "summary: bad: value"));

        var result = Load(yaml);

        AssertReported(result, Codes.YamlSyntax, Severity.Error, 3, 13, "YAML syntax: ", "found invalid mapping");
    }

    [Fact]
    public void Nesting_deeper_than_32_levels_is_reported_at_the_opening_bracket_that_goes_too_deep_RLS005()
    {
        // Line 2: "title: " then 40 '['. The root mapping is level 1; the 32nd '[' (column 8 + 31 = 39) would be level 33.
        var yaml = Base(swaps: ("title: { nl: Basis, en: Base }", "title: " + new string('[', 40) + new string(']', 40)));

        var result = Load(yaml);

        AssertReported(result, Codes.TooDeep, Severity.Error, 2, 39, "nesting deeper than 32 levels");
    }

    [Fact]
    public void Aliases_that_expand_past_100000_nodes_are_reported_at_the_alias_that_crosses_the_limit_RLS006()
    {
        // a = 11 nodes, b = 111, c = 1111, d = 11111; e = 1 + k * 11111 passes 100000 at the 10th *d,
        // which starts at column 8 + 4 * 9 = 44 of line 5.
        var yaml = string.Join("\n",
            "a: &a [x, x, x, x, x, x, x, x, x, x]",
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
            "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
            "");

        var result = Load(yaml);

        AssertReported(result, Codes.AliasExpansion, Severity.Error, 5, 44, "expands to more than 100000 nodes");
    }

    [Fact]
    public void Text_longer_than_20000_characters_is_reported_at_the_text_RLS007()
    {
        // Line 3: "summary: { nl: " - the text starts at column 16.
        var yaml = Base(swaps: ("summary: { nl: Een kleine test., en: A small test. }", $"summary: {{ nl: {new string('x', 20_001)}, en: ok }}"));

        var result = Load(yaml);

        AssertReported(result, Codes.StringTooLong, Severity.Error, 3, 16, "a text of 20001 characters", "at most 20000");
    }

    [Fact]
    public void Empty_file_is_reported_as_holding_no_scenario_RLS008()
    {
        var result = Load(string.Empty);

        AssertReported(result, Codes.EmptyDocument, Severity.Error, 1, 1, "holds no scenario", "expected a mapping starting with 'id:'");
        Assert.Single(result.Diagnostics);
    }

    // ---- shape: RLS010-RLS016 ----------------------------------------------------------

    [Fact]
    public void Value_of_the_wrong_type_names_the_expected_and_the_found_type_RLS010()
    {
        // Line 4: "players: 4" - the value at column 10.
        var yaml = Base(swaps: ("players: { min: 2, max: 2 }", "players: 4"));

        var result = Load(yaml);

        AssertReported(result, Codes.WrongType, Severity.Error, 4, 10, "expected a mapping (range), found a number");
    }

    [Fact]
    public void Unknown_key_is_reported_with_a_did_you_mean_suggestion_RLS011()
    {
        var yaml = Base(swaps: ("title:", "titel:"));

        var result = Load(yaml);

        AssertReported(result, Codes.UnknownKey, Severity.Error, 2, 1, "unknown key 'titel' in scenario", "did you mean 'title'");
    }

    [Fact]
    public void Missing_required_key_is_reported_at_the_mapping_that_lacks_it_RLS012()
    {
        // The metric mapping starts at line 6, column 5 ("  - id: trust"); its "start" line is removed.
        var yaml = Base(swaps: ("    start: 50\n", string.Empty));

        var result = Load(yaml);

        AssertReported(result, Codes.MissingField, Severity.Error, 6, 5, "missing required key 'start' in metric");
    }

    [Fact]
    public void Duplicate_action_id_is_reported_at_the_second_action_RLS013()
    {
        // The second action starts at line 36, column 5.
        var yaml = Base(swaps: ("  - id: speak", "  - id: listen"));

        var result = Load(yaml);

        AssertReported(result, Codes.DuplicateId, Severity.Error, 36, 5, "the action id 'listen' is used twice", "must be unique");
    }

    [Fact]
    public void Key_repeated_in_one_mapping_is_reported_at_the_repetition_RLS014()
    {
        // Line 34 becomes a first "effects:", line 35 keeps the second one (column 5).
        var yaml = Base(swaps: ("    cost: { capital: 1 }", "    effects: { trust: 2 }"));

        var result = Load(yaml);

        AssertReported(result, Codes.DuplicateKey, Severity.Error, 35, 5, "the key 'effects' appears twice in the same mapping");
    }

    [Fact]
    public void Id_with_capitals_or_dashes_is_reported_as_invalid_RLS015()
    {
        var yaml = Base(swaps: ("id: base", "id: Base-1"));

        var result = Load(yaml);

        AssertReported(result, Codes.InvalidId, Severity.Error, 1, 5, "'Base-1' is not a valid id", "expected lowercase letters, digits and '_'");
    }

    [Fact]
    public void Value_outside_the_allowed_words_lists_them_and_suggests_the_closest_RLS016()
    {
        // Appended at line 43: "rotation: rotat" - the value at column 11.
        var yaml = Base("rotation: rotat\n");

        var result = Load(yaml);

        AssertReported(result, Codes.InvalidValue, Severity.Error, 43, 11,
            "'rotat' is not allowed here", "expected one of rotate, facilitator, fixed", "did you mean 'rotate'");
    }

    // ---- references: RLS020-RLS025 -----------------------------------------------------

    [Fact]
    public void Action_for_an_unknown_role_is_reported_with_a_suggestion_RLS020()
    {
        // Line 30: "    role: aldermen" - the value at column 11.
        var yaml = Base(swaps: ("    role: alderman", "    role: aldermen"));

        var result = Load(yaml);

        AssertReported(result, Codes.UnknownRole, Severity.Error, 30, 11,
            "'aldermen' is not a known role", "did you mean 'alderman'", "known: alderman, resident");
    }

    [Fact]
    public void Effect_on_an_unknown_metric_is_reported_at_the_effect_key_RLS021()
    {
        // Line 35: "    effects: { trsut: 5 }" - the key at column 16.
        var yaml = Base(swaps: ("    effects: { trust: 5 }", "    effects: { trsut: 5 }"));

        var result = Load(yaml);

        AssertReported(result, Codes.UnknownMetric, Severity.Error, 35, 16, "'trsut' is not a known metric", "did you mean 'trust'");
    }

    [Fact]
    public void Cost_in_a_resource_the_acting_role_does_not_have_is_reported_RLS022()
    {
        // Line 34: "    cost: { budget: 1 }" - the key at column 13.
        var yaml = Base(swaps: ("cost: { capital: 1 }", "cost: { budget: 1 }"));

        var result = Load(yaml);

        AssertReported(result, Codes.UnknownResource, Severity.Error, 34, 13,
            "'budget' is not a known resource of role 'alderman'", "known: capital");
    }

    [Fact]
    public void Action_in_an_unknown_phase_is_reported_with_a_suggestion_RLS024()
    {
        // Line 31: "    phases: [tlak]" - the id at column 14.
        var yaml = Base(swaps: ("role: alderman\n    phases: [talk]", "role: alderman\n    phases: [tlak]"));

        var result = Load(yaml);

        AssertReported(result, Codes.UnknownPhase, Severity.Error, 31, 14, "'tlak' is not a known phase", "did you mean 'talk'");
    }

    [Fact]
    public void Dilemma_default_that_is_not_one_of_its_options_is_reported_RLS025()
    {
        // The dilemma takes lines 43-51; line 52: "    default: wiat" - the value at column 14.
        var yaml = Base(DilemmaYaml + "    default: wiat\n");

        var result = Load(yaml);

        AssertReported(result, Codes.UnknownOption, Severity.Error, 52, 14,
            "the default 'wiat' is not one of this dilemma's options (repair, wait)", "did you mean 'wait'");
    }

    // ---- formulas: RLS030-RLS032 -------------------------------------------------------

    [Fact]
    public void Formula_that_does_not_parse_is_reported_at_the_offending_character_RLS030()
    {
        // Line 41: '    condition: "trust < 100)"' - the quote is column 16, 't' column 17, the stray ')' column 17 + 11 = 28.
        var yaml = Base(swaps: ("\"trust < 100\"", "\"trust < 100)\""));

        var result = Load(yaml);

        AssertReported(result, Codes.FormulaSyntax, Severity.Error, 41, 28, "the formula \"trust < 100)\" does not parse", "invalid token");
    }

    [Fact]
    public void Formula_reading_an_unknown_name_is_reported_with_a_suggestion_RLS031()
    {
        // Line 41: '    condition: "trsut < 100"' - the formula at column 16.
        var yaml = Base(swaps: ("\"trust < 100\"", "\"trsut < 100\""));

        var result = Load(yaml);

        AssertReported(result, Codes.FormulaUnknownName, Severity.Error, 41, 16,
            "reads 'trsut', which is no metric, [role.resource], round or rounds", "did you mean 'trust'");
    }

    [Fact]
    public void Formula_calling_a_function_outside_the_whitelist_is_reported_RLS032()
    {
        // Line 41: '    condition: "Sqr(trust) < 100"' - the formula at column 16.
        var yaml = Base(swaps: ("\"trust < 100\"", "\"Sqr(trust) < 100\""));

        var result = Load(yaml);

        AssertReported(result, Codes.FormulaUnknownFunction, Severity.Error, 41, 16,
            "calls 'Sqr', which is not allowed", "did you mean 'Sqrt'", "allowed: ");
    }

    // ---- numbers: RLS040-RLS045 --------------------------------------------------------

    [Fact]
    public void Metric_min_not_below_max_is_reported_at_min_RLS040()
    {
        // Line 8: "    min: 200" - the value at column 10.
        var yaml = Base(swaps: ("    min: 0\n", "    min: 200\n"));

        var result = Load(yaml);

        AssertReported(result, Codes.MinAboveMax, Severity.Error, 8, 10, "min (200) must be below max (100)");
    }

    [Fact]
    public void Metric_start_outside_min_and_max_is_reported_at_start_RLS041()
    {
        // Line 10: "    start: 150" - the value at column 12.
        var yaml = Base(swaps: ("    start: 50", "    start: 150"));

        var result = Load(yaml);

        AssertReported(result, Codes.StartOutOfRange, Severity.Error, 10, 12, "start 150 lies outside min..max (0..100)");
    }

    [Fact]
    public void Round_count_above_20_is_reported_at_the_count_RLS042()
    {
        // Line 23: "  count: 21" - the value at column 10.
        var yaml = Base(swaps: ("  count: 3", "  count: 21"));

        var result = Load(yaml);

        AssertReported(result, Codes.RoundsOutOfRange, Severity.Error, 23, 10, "a game needs 1 to 20 rounds, found 21");
    }

    [Fact]
    public void Seats_that_cannot_hold_the_player_count_are_reported_at_the_first_role_RLS043()
    {
        // Two roles of one seat each hold at most 2 players; the first role starts at line 12, column 5.
        var yaml = Base(swaps: ("players: { min: 2, max: 2 }", "players: { min: 2, max: 3 }"));

        var result = Load(yaml);

        AssertReported(result, Codes.SeatsCannotHoldPlayers, Severity.Error, 12, 5,
            "the roles seat at most 2 players (sum of seats.max) but players.max is 3");
    }

    [Fact]
    public void Negative_cost_is_reported_at_the_amount_RLS044()
    {
        // Line 34: "    cost: { capital: -1 }" - the amount at column 22.
        var yaml = Base(swaps: ("cost: { capital: 1 }", "cost: { capital: -1 }"));

        var result = Load(yaml);

        AssertReported(result, Codes.NegativeCost, Severity.Error, 34, 22, "a cost must be 0 or more, found -1");
    }

    [Fact]
    public void Phase_shorter_than_10_seconds_is_reported_as_out_of_range_RLS045()
    {
        // Line 27: "      duration: 5s" - the value at column 17.
        var yaml = Base(swaps: ("duration: 4m", "duration: 5s"));

        var result = Load(yaml);

        AssertReported(result, Codes.NumberOutOfRange, Severity.Error, 27, 17, "a phase lasts from 10 seconds to 2 hours, found '5s'");
    }

    // ---- warnings: RLS051-RLS056 (RLS054 and RLS055 are errors) ------------------------

    [Fact]
    public void Dilemma_in_a_round_after_the_last_is_a_warning_that_it_can_never_appear_RLS051()
    {
        // Line 47: "    when: { round: 9 }" - the 9 at column 20.
        var yaml = Base(DilemmaYaml.Replace("when: { round: 2 }", "when: { round: 9 }", StringComparison.Ordinal));

        var result = Load(yaml);

        AssertReported(result, Codes.DilemmaNeverDrawn, Severity.Warning, 47, 20,
            "round 9 is after the last round (3)", "can never appear");
    }

    [Fact]
    public void Role_without_actions_is_a_warning_at_the_role_RLS052()
    {
        // Both actions go to the alderman; the resident role starts at line 18, column 5.
        var yaml = Base(swaps: ("    role: resident", "    role: alderman"));

        var result = Load(yaml);

        AssertReported(result, Codes.RoleWithoutActions, Severity.Warning, 18, 5, "role 'resident' has no actions");
    }

    [Fact]
    public void Plain_text_instead_of_nl_and_en_is_a_warning_RLS053()
    {
        // Line 2: "title: Basis" - the text at column 8.
        var yaml = Base(swaps: ("title: { nl: Basis, en: Base }", "title: Basis"));

        var result = Load(yaml);

        AssertReported(result, Codes.MissingTranslation, Severity.Warning, 2, 8, "shown in both languages", "{ nl: ..., en: ... }");
        Assert.Equal("Basis", result.Scenario!.Title.En);
    }

    [Fact]
    public void A_unit_is_one_string_for_both_languages_without_a_warning_or_a_text_per_language()
    {
        var plain = Load(Base(swaps: ("    label: { nl: Vertrouwen, en: Trust }\n", "    label: { nl: Vertrouwen, en: Trust }\n    unit: \"%\"\n")));
        Assert.True(plain.Succeeded, string.Join('\n', plain.Diagnostics));
        Assert.DoesNotContain(plain.Diagnostics, d => d.Code == Codes.MissingTranslation);
        Assert.Equal(new Text("%", "%"), plain.Scenario!.Metric("trust").Unit);

        var both = Load(Base(swaps: ("    label: { nl: Vertrouwen, en: Trust }\n", "    label: { nl: Vertrouwen, en: Trust }\n    unit: { nl: punten, en: points }\n")));
        Assert.True(both.Succeeded, string.Join('\n', both.Diagnostics));
        Assert.Equal(new Text("punten", "points"), both.Scenario!.Metric("trust").Unit);

        var none = Load(BaseYaml);
        Assert.Equal(Text.Empty, none.Scenario!.Metric("trust").Unit);
    }

    [Fact]
    public void Proposal_to_the_proposing_role_itself_is_reported_at_to_RLS054()
    {
        // Lines 30-32: "role: alderman", "kind: proposal", "to: alderman" - the 'to' value at line 32, column 9.
        var yaml = Base(swaps: ("    role: alderman\n", "    role: alderman\n    kind: proposal\n    to: alderman\n"));

        var result = Load(yaml);

        AssertReported(result, Codes.ProposalToSelf, Severity.Error, 32, 9,
            "a proposal must go to another role, not to its own role 'alderman'");
    }

    [Fact]
    public void Dilemma_with_a_single_option_is_reported_at_its_options_RLS055()
    {
        // The options list starts at line 50, column 7 (its first '-').
        var dilemma = DilemmaYaml.Replace("      - { id: wait, label: { nl: Wachten, en: Wait }, effects: { trust: -5 } }\n", string.Empty, StringComparison.Ordinal);
        var yaml = Base(dilemma);

        var result = Load(yaml);

        AssertReported(result, Codes.TooFewOptions, Severity.Error, 50, 7, "a dilemma needs at least 2 options, found 1");
    }

    [Fact]
    public void Phase_that_no_action_or_dilemma_uses_is_a_warning_RLS056()
    {
        // A second phase at lines 28-30; its mapping starts at line 28, column 7.
        var yaml = Base(swaps: ("      duration: 4m\n", "      duration: 4m\n    - id: vote\n      label: { nl: Stemmen, en: Vote }\n      duration: 2m\n"));

        var result = Load(yaml);

        AssertReported(result, Codes.UnusedPhase, Severity.Warning, 28, 7, "no action and no dilemma uses phase 'vote'");
    }

    // ---- robustness: whatever the input, a diagnostic and never an exception -----------

    [Fact]
    public void Empty_file_on_disk_gives_RLS008_and_nothing_else()
    {
        var path = Path.Combine(tempDirectory, "empty.yaml");
        System.IO.File.WriteAllBytes(path, []);

        var result = ScenarioLoader.LoadFile(path);

        AssertReported(result, Codes.EmptyDocument, Severity.Error, 1, 1, "holds no scenario");
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void File_of_only_whitespace_and_comments_gives_RLS008()
    {
        var result = Load("   \n# just a comment\n\n\t\n    # another comment\n");

        AssertReported(result, Codes.EmptyDocument, Severity.Error, 1, 1, "holds no scenario");
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_ignored()
    {
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Base())];
        AssertClean(ScenarioLoader.LoadBytes(withBom, File));

        var path = Path.Combine(tempDirectory, "bom.yaml");
        System.IO.File.WriteAllBytes(path, withBom);
        AssertClean(ScenarioLoader.LoadFile(path));

        AssertClean(Load("\uFEFF" + Base()));
    }

    [Fact]
    public void Crlf_line_ends_load_and_keep_line_numbers_right()
    {
        AssertClean(Load(Crlf(Base())));

        var result = Load(Crlf(Base(swaps: ("title:", "titel:"))));
        AssertReported(result, Codes.UnknownKey, Severity.Error, 2, 1, "unknown key 'titel'");

        result = Load(Crlf(Base(swaps: ("role: alderman\n    phases: [talk]", "role: alderman\n    phases: [tlak]"))));
        AssertReported(result, Codes.UnknownPhase, Severity.Error, 31, 14, "'tlak' is not a known phase");

        result = Load(Crlf(Base("rotation: rotat\n")));
        AssertReported(result, Codes.InvalidValue, Severity.Error, 43, 11, "'rotat' is not allowed here");
    }

    [Fact]
    public void Billion_laughs_alias_bomb_is_stopped_with_RLS006()
    {
        var lines = new List<string> { "lol0: &lol0 lol" };
        for (var i = 1; i <= 9; i++)
        {
            lines.Add($"lol{i}: &lol{i} [{string.Join(", ", Enumerable.Repeat($"*lol{i - 1}", 10))}]");
        }

        var result = Load(string.Join("\n", lines) + "\n");

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Code == Codes.AliasExpansion);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.Null(result.Scenario);
    }

    [Fact]
    public void Thousand_nested_brackets_give_RLS005()
    {
        // The root list is level 1; the 33rd '[' would be level 33.
        var result = Load(new string('[', 1000) + new string(']', 1000) + "\n");

        AssertReported(result, Codes.TooDeep, Severity.Error, 1, 33, "nesting deeper than 32 levels");
    }

    [Fact]
    public void Thirty_thousand_character_text_gives_RLS007()
    {
        var yaml = Base(swaps: ("title: { nl: Basis, en: Base }", "title: " + new string('a', 30_000)));

        var result = Load(yaml);

        AssertReported(result, Codes.StringTooLong, Severity.Error, 2, 8, "a text of 30000 characters");
    }

    [Fact]
    public void Second_yaml_document_gives_RLS004_at_its_marker()
    {
        var result = Load(Base("---\nid: other\n"));

        AssertReported(result, Codes.YamlSyntax, Severity.Error, 43, 1, "expected one YAML document per scenario file", "a second one ('---')");
    }

    [Fact]
    public void Tab_indentation_gives_RLS004()
    {
        // YAML forbids tabs for indentation. Positions are not asserted: YamlDotNet names the enclosing
        // mapping (1:1 here) or the scalar before the tab rather than the tab itself.
        var inputs = new[]
        {
            "id: base\ntitle:\n\tnl: Basis\n\ten: Base\n",
            Base(swaps: ("    label: { nl: Vertrouwen, en: Trust }", "\tlabel: { nl: Vertrouwen, en: Trust }")),
        };

        foreach (var yaml in inputs)
        {
            var result = Load(yaml);

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal(Codes.YamlSyntax, diagnostic.Code);
            Assert.Equal(Severity.Error, diagnostic.Severity);
            Assert.Contains("tab", diagnostic.Message, StringComparison.Ordinal);
            Assert.Null(result.Scenario);
        }
    }

    [Fact]
    public void Unclosed_bracket_followed_by_more_lines_gives_RLS004_instead_of_throwing()
    {
        // A forgotten '}' on line 2. YamlDotNet's scanner throws InvalidOperationException (not a
        // YamlException) on this input; the loader promises never to throw at the author.
        var yaml = Base(swaps: ("title: { nl: Basis, en: Base }", "title: { nl: Basis, en: Base"));

        var exception = Record.Exception(() => Load(yaml));

        Assert.Null(exception);
        var result = Load(yaml);
        Assert.Contains(result.Diagnostics, d => d.Code == Codes.YamlSyntax && d.Severity == Severity.Error);
        Assert.Null(result.Scenario);
    }

    [Fact]
    public void Alias_without_an_anchor_gives_RLS004_at_the_alias()
    {
        // Line 2: "title: *nothing" - the alias at column 8.
        var result = Load(Base(swaps: ("title: { nl: Basis, en: Base }", "title: *nothing")));

        AssertReported(result, Codes.YamlSyntax, Severity.Error, 2, 8, "the alias '*nothing' names no anchor defined before it");
    }

    [Fact]
    public void Scalar_at_the_root_gives_RLS010()
    {
        var result = Load("just some words\n");

        AssertReported(result, Codes.WrongType, Severity.Error, 1, 1, "expected a mapping (scenario), found a string");
    }

    [Fact]
    public void List_at_the_root_gives_RLS010()
    {
        var result = Load("- id: base\n- title: Basis\n");

        AssertReported(result, Codes.WrongType, Severity.Error, 1, 1, "expected a mapping (scenario), found a list");
    }

    // ---- rendering -----------------------------------------------------------------------

    [Fact]
    public void Diagnostic_renders_as_file_line_column_severity_code_and_message()
    {
        var made = new Diagnostic("scenarios/park.yaml", 12, 7, Severity.Error, "RLS020", "'x' is not a known role");
        Assert.Equal("scenarios/park.yaml:12:7: error RLS020: 'x' is not a known role", made.ToString());

        var loaded = Assert.Single(Load(Base(swaps: ("title:", "titel:"))).Diagnostics, d => d.Code == Codes.UnknownKey);
        Assert.Equal(
            "test.yaml:2:1: error RLS011: unknown key 'titel' in scenario; did you mean 'title'? "
            + "(allowed: id, title, summary, players, metrics, roles, rounds, actions, version, dilemmas, rotation, shared_goals, achievements, debrief)",
            loaded.ToString());

        var warning = new Diagnostic("a.yaml", 2, 8, Severity.Warning, "RLS053", "plain text");
        Assert.Equal("a.yaml:2:8: warning RLS053: plain text", warning.ToString());
    }

    // ---- diagnostics that teach: the mistakes authors make, said in their words ------------

    [Fact]
    public void Formula_reading_a_resource_of_another_role_names_the_role_that_has_it_RLS031()
    {
        // Line 41: '    condition: "[resident.capital] > 0"' - the formula at column 16; capital is the alderman's.
        var yaml = Base(swaps: ("\"trust < 100\"", "\"[resident.capital] > 0\""));

        var result = Load(yaml);

        var diagnostic = AssertReported(result, Codes.FormulaUnknownName, Severity.Error, 41, 16,
            "reads [resident.capital], but role 'resident' has no resource 'capital'", "it belongs to role 'alderman': [alderman.capital]");
        Assert.Equal("\"[alderman.capital] > 0\"", diagnostic.Fix);
    }

    [Fact]
    public void Formula_reading_a_bare_resource_name_suggests_role_dot_resource_RLS031()
    {
        // Line 41: '    condition: "capital > 0"' - the formula at column 16.
        var yaml = Base(swaps: ("\"trust < 100\"", "\"capital > 0\""));

        var result = Load(yaml);

        var diagnostic = AssertReported(result, Codes.FormulaUnknownName, Severity.Error, 41, 16,
            "reads 'capital', which is a resource of role 'alderman'", "written [role.resource]: [alderman.capital]");
        Assert.Equal("\"[alderman.capital] > 0\"", diagnostic.Fix);
    }

    [Fact]
    public void Decimal_comma_suggests_a_decimal_point_in_block_and_flow_style_RLS017()
    {
        // Line 48: '      chance: 0,35' - the number at column 15.
        var block = Load(Base(DilemmaYaml.Replace("    when: { round: 2 }\n", "    when:\n      chance: 0,35\n", StringComparison.Ordinal)));
        var diagnostic = AssertReported(block, Codes.DecimalComma, Severity.Error, 48, 15, "'0,35' has a decimal comma", "a decimal point: 0.35");
        Assert.Equal("0.35", diagnostic.Fix);

        // Line 47: '    when: { chance: 0,35 }' - in a flow mapping the comma splits the number; still one diagnostic, at column 21.
        var flow = Load(Base(DilemmaYaml.Replace("when: { round: 2 }", "when: { chance: 0,35 }", StringComparison.Ordinal)));
        diagnostic = AssertReported(flow, Codes.DecimalComma, Severity.Error, 47, 21, "'0,35' has a decimal comma");
        Assert.Equal("0.35", diagnostic.Fix);
        Assert.Single(flow.Diagnostics);
    }

    [Fact]
    public void Unquoted_value_starting_with_a_bracket_suggests_quoting_it_RLS009()
    {
        // Line 41: '    condition: [alderman.capital] >= 4' - the value at column 16. Without the check YAML says
        // "while scanning a block scalar" somewhere after it.
        var yaml = Base(swaps: ("    condition: \"trust < 100\"", "    condition: [alderman.capital] >= 4"));

        var result = Load(yaml);

        var diagnostic = AssertReported(result, Codes.UnquotedBracket, Severity.Error, 41, 16,
            "starts with '[' is read as a list", "quote the formula: \"[alderman.capital] >= 4\"");
        Assert.Equal("\"[alderman.capital] >= 4\"", diagnostic.Fix);
        Assert.Single(result.Diagnostics);
    }

    [Fact]
    public void Dutch_en_and_of_in_a_formula_suggest_and_and_or_RLS033()
    {
        // Line 41: '    condition: "trust < 100 en trust > 0"' - the formula's text starts at column 17, 'en' 12 further.
        var result = Load(Base(swaps: ("\"trust < 100\"", "\"trust < 100 en trust > 0\"")));
        var diagnostic = AssertReported(result, Codes.DutchConnective, Severity.Error, 41, 29, "uses the Dutch 'en'", "writes && (and)");
        Assert.Equal("\"trust < 100 && trust > 0\"", diagnostic.Fix);

        result = Load(Base(swaps: ("\"trust < 100\"", "\"trust < 10 of trust > 90\"")));
        diagnostic = AssertReported(result, Codes.DutchConnective, Severity.Error, 41, 28, "uses the Dutch 'of'", "writes || (or)");
        Assert.Equal("\"trust < 10 || trust > 90\"", diagnostic.Fix);
    }

    [Fact]
    public void Tab_in_the_indentation_is_reported_at_the_tab_itself_RLS004()
    {
        var atStart = Load("id: base\ntitle:\n\tnl: Basis\n\ten: Base\n");
        AssertReported(atStart, Codes.YamlSyntax, Severity.Error, 3, 1, "a tab in the indentation", "spaces only");

        // Line 7: '  \tlabel: ...' - two spaces, then the tab at column 3.
        var afterSpaces = Load(Base(swaps: ("    label: { nl: Vertrouwen, en: Trust }", "  \tlabel: { nl: Vertrouwen, en: Trust }")));
        AssertReported(afterSpaces, Codes.YamlSyntax, Severity.Error, 7, 3, "a tab in the indentation");
        Assert.Single(afterSpaces.Diagnostics);
    }

    // ---- helpers -------------------------------------------------------------------------

    /// <summary>The base scenario, with <paramref name="append"/> after its last line and each swap applied (each find must occur once).</summary>
    private static string Base(string append = "", params (string Find, string Replace)[] swaps)
    {
        var yaml = BaseYaml.ReplaceLineEndings("\n");
        foreach (var (find, replace) in swaps)
        {
            var at = yaml.IndexOf(find, StringComparison.Ordinal);
            Assert.True(at >= 0 && yaml.IndexOf(find, at + 1, StringComparison.Ordinal) < 0,
                $"test setup: the base scenario must hold '{find}' exactly once");
            yaml = string.Concat(yaml.AsSpan(0, at), replace, yaml.AsSpan(at + find.Length));
        }

        return yaml + append.ReplaceLineEndings("\n");
    }

    private static string Crlf(string yaml) => yaml.ReplaceLineEndings("\r\n");

    private static LoadResult Load(string yaml) => ScenarioLoader.LoadText(yaml, File);

    private static string Listing(LoadResult result) =>
        result.Diagnostics.IsEmpty ? "(no diagnostics)" : string.Join("\n", result.Diagnostics.Select(d => d.ToString()));

    private static void AssertClean(LoadResult result)
    {
        Assert.True(result.Diagnostics.IsEmpty, $"expected no diagnostics, got:\n{Listing(result)}");
        Assert.NotNull(result.Scenario);
    }

    /// <summary>
    /// Asserts that <paramref name="code"/> is reported at exactly <paramref name="line"/>:<paramref name="column"/> with the
    /// severity and message parts given; an error must stop the scenario from loading, a warning must not.
    /// </summary>
    private static Diagnostic AssertReported(LoadResult result, string code, Severity severity, int line, int column, params string[] messageParts)
    {
        var withCode = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(withCode.Count > 0, $"expected {code}, got:\n{Listing(result)}");
        var diagnostic = withCode.FirstOrDefault(d => d.Line == line && d.Column == column);
        Assert.True(diagnostic is not null, $"expected {code} at {line}:{column}, got:\n{Listing(result)}");
        Assert.Equal(severity, diagnostic.Severity);
        foreach (var part in messageParts)
        {
            Assert.Contains(part, diagnostic.Message, StringComparison.Ordinal);
        }

        if (severity == Severity.Error)
        {
            Assert.Null(result.Scenario);
        }
        else
        {
            Assert.False(result.Errors.Any(), $"a warning must not stop the scenario from loading, but there are errors:\n{Listing(result)}");
            Assert.NotNull(result.Scenario);
        }

        return diagnostic;
    }
}
