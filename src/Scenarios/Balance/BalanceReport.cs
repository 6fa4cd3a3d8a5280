using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Balance;

/// <summary>
/// What bots playing a scenario many times say about its balance: warnings first, then the figures
/// per player count and bot kind, then how often each piece of content was chosen (docs/scenario-format.md).
/// </summary>
public sealed record BalanceReport(
    string Scenario,
    int Version,
    ulong Seed,
    int Games,
    ImmutableArray<BalanceWarning> Warnings,
    ImmutableArray<PlayerCountFigures> Tables,
    ImmutableArray<ContentUse> Content);

/// <summary>A figure past its threshold: a stable code, the sentence in Dutch and English, and what it is about (a role, metric, action, option or dilemma id).</summary>
public sealed record BalanceWarning(string Code, Text Message, string Subject, int? Players, string? Bot);

/// <summary>The figures of one player count: per bot kind, and how much cooperating pays over greed.</summary>
public sealed record PlayerCountFigures(int Players, double CooperationPremium, ImmutableArray<BotFigures> Bots);

/// <summary>The figures of the games one bot kind played at one player count.</summary>
public sealed record BotFigures(
    string Bot,
    int Games,
    Distribution Score,
    Distribution Length,
    ImmutableArray<RoleFigures> Roles,
    double RotationCoverage,
    int FewestRolesHeld,
    ProposalFigures Proposals,
    BallotFigures Ballots,
    ImmutableArray<MetricFigures> Metrics,
    ImmutableArray<SharedGoalFigures> SharedGoals);

/// <summary>A distribution over games: mean, spread (standard deviation), median, extremes and a histogram.</summary>
public sealed record Distribution(double Mean, double Spread, double Median, double Min, double Max, ImmutableArray<HistogramBin> Histogram);

/// <summary>How many games fell in [From, To) (the last bin includes To).</summary>
public sealed record HistogramBin(double From, double To, int Count);

/// <summary>
/// One role at one player count: how many seat-rounds held it per game, its mean contribution share (0–1),
/// the goal points a seat earned per round holding it, and the share of games its holders ended on top.
/// </summary>
public sealed record RoleFigures(string Role, double RoundsHeld, double ContributionShare, double PointsPerRoundHeld, double OnTop);

/// <summary>Proposals per game by how they were answered.</summary>
public sealed record ProposalFigures(double Accepted, double Countered, double Rejected, double Expired);

/// <summary>Votes on actions per game: called, and carried.</summary>
public sealed record BallotFigures(double Called, double Carried);

/// <summary>A metric's end values (mean, spread, share of games ending at its min or max) and its median curve with a band per round.</summary>
public sealed record MetricFigures(string Metric, double FinalMean, double FinalSpread, double PinnedAtMin, double PinnedAtMax, ImmutableArray<RoundBand> Curve);

/// <summary>A metric at the end of a round over all games: the median, and the 10th and 90th percentile.</summary>
public sealed record RoundBand(int Round, double Median, double Low, double High);

/// <summary>The share of games in which a shared goal held at the end of each round (index 0 = round 1).</summary>
public sealed record SharedGoalFigures(string Goal, ImmutableArray<double> MetByRound);

/// <summary>How often each bot kind chose a piece of content (drew it, for a dilemma), over all player counts.</summary>
public sealed record ContentUse(ContentKind Kind, string Id, Text Label, int Random, int Greedy, int Cooperative);
