using System.Reflection;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>The one catalogue of refusals, commands the rules can not read, and what counts as a name.</summary>
public sealed class RefusalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TableRules rules = new(DocExample.Scenario());

    public static TheoryData<Command, string> CommandsWithANullField => new()
    {
        { new TakeSeat(null!), "name" },
        { new Act(null!), "action" },
        { new CastVote(1, null!), "option" },
        { new ResolveDilemma(null!), "option" },
        { new RequestRoleSwap(null!), "role" },
        { new AssignRole(0, null!), "role" },
        { new WriteHandoverNote(null!), "text" },
        { new Reflect(null!), "word" },
        { new InjectDilemma(null!), "dilemma" },
    };

    [Theory]
    [MemberData(nameof(CommandsWithANullField))]
    public void A_command_with_a_null_field_is_refused_with_invalid_command_naming_the_field(Command command, string field)
    {
        var state = rules.Initial();
        var decision = rules.Decide(state, Actor.Player(0), command, T0);
        Assert.False(decision.Accepted);
        Assert.Equal(RefusalCodes.InvalidCommand, decision.Rejection!.Code);
        Assert.Contains($"'{field}'", decision.Rejection.Reason.Nl, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", decision.Rejection.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_optional_note_reads_as_empty_and_never_throws()
    {
        Assert.Equal(string.Empty, new Act("plant", null!).Note);
        Assert.Equal(string.Empty, new AnswerProposal(1, Answer.Accept, null!).Note);
        Assert.Equal(string.Empty, new RequestRoleSwap("official", null!).Note);
        Assert.Equal(string.Empty, new Reflect("moe", null!).Text);

        var state = rules.Initial();
        var decision = rules.Decide(state, Actor.Player(0), new Act("plant", null!), T0);
        Assert.Equal(RefusalCodes.NoSuchSeat, decision.Rejection!.Code);
    }

    [Fact]
    public void Every_note_over_the_limit_is_refused_with_the_same_code_and_sentence()
    {
        var state = rules.Fold([new SeatTaken(0, "Anna"), new SeatTaken(1, "Bram"), new SeatTaken(2, "Cas")]);

        var tooLong = new string('x', Limits.NoteLength + 1);
        var refusals = new Command[]
        {
            new Act("plant", tooLong),
            new AnswerProposal(1, Answer.Reject, tooLong),
            new RequestRoleSwap("official", tooLong),
            new WriteHandoverNote(tooLong),
            new Reflect("moe", tooLong),
        }.Select(c => rules.Decide(state, Actor.Player(0), c, T0).Rejection).ToList();
        Assert.All(refusals, r => Assert.Equal(Refusals.TooLong, r));
    }

    [Fact]
    public void Paused_reads_the_same_for_a_player_and_the_facilitator()
    {
        Assert.Same(Refusals.Paused, rules.WhyNot(rules.Initial() with { Flow = new Flow.FlowState(Flow.Stage.Playing, 1, 0, true) }, 0, DocExample.Scenario().Actions[0]));
        var paused = typeof(Refusals).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<Rejection>().Where(r => r.Code == RefusalCodes.Paused);
        Assert.Single(paused);
    }

    [Fact]
    public void Every_refusal_of_the_catalogue_has_a_known_code_and_a_sentence_in_each_language()
    {
        var codes = KnownCodes();
        var rejections = typeof(Refusals).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetValue(null)).OfType<Rejection>().ToList();
        Assert.True(rejections.Count > 40, $"only {rejections.Count} fixed refusals found");
        Assert.All(rejections, r =>
        {
            Assert.Contains(r.Code, codes);
            Assert.False(string.IsNullOrWhiteSpace(r.Reason.Nl), r.Code);
            Assert.False(string.IsNullOrWhiteSpace(r.Reason.En), r.Code);
            Assert.Equal(r.Reason.En, r.Message);
        });
    }

    [Fact]
    public void The_protocol_doc_lists_every_refusal_code_and_no_other()
    {
        var doc = File.ReadAllText(Path.Combine(DocExample.RepositoryRoot(), "docs", "protocol.md"));
        var section = doc[doc.IndexOf("## Refusal codes", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var listed = System.Text.RegularExpressions.Regex.Matches(section, @"^\| `([a-z_]+)` \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToHashSet();
        var codes = KnownCodes();
        Assert.Empty(codes.Except(listed));
        Assert.Empty(listed.Except(codes));
    }

    [Theory]
    [InlineData("Anna", "Anna")]
    [InlineData("  Anna  ", "Anna")]
    [InlineData("Zoë", "Zoë")]
    [InlineData("Zoe\u0308", "Zoe\u0308")]
    [InlineData("🇳🇱 Anna", "🇳🇱 Anna")]
    public void A_name_with_something_visible_is_taken_as_trimmed(string typed, string expected) =>
        Assert.Equal(expected, PlayerNames.Clean(typed));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200D\u2060")]
    [InlineData("\u3164\u3164")]
    [InlineData("\u2800")]
    [InlineData("\u0301")]
    [InlineData("a\u0007b")]
    public void A_name_of_only_invisible_characters_or_with_control_characters_is_refused(string typed) =>
        Assert.Null(PlayerNames.Clean(typed));

    [Fact]
    public void A_name_is_counted_in_characters_a_person_sees_not_in_UTF16_units()
    {
        var flags = string.Concat(Enumerable.Repeat("🇳🇱", Limits.NameLength));
        Assert.Equal(Limits.NameLength * 4, flags.Length);
        Assert.Equal(flags, PlayerNames.Clean(flags));
        Assert.Null(PlayerNames.Clean(flags + "🇳🇱"));
        Assert.Null(PlayerNames.Clean(new string('a', Limits.NameLength + 1)));
    }

    private static HashSet<string> KnownCodes() =>
        [.. typeof(RefusalCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
}
