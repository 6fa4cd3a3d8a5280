namespace RegioLab.Sim.Scenarios.Validation;

/// <summary>The stable diagnostic codes; docs/scenario-format.md lists them with examples.</summary>
public static class Codes
{
    public const string FileUnreadable = "RLS001";
    public const string FileTooLarge = "RLS002";
    public const string NotText = "RLS003";
    public const string YamlSyntax = "RLS004";
    public const string TooDeep = "RLS005";
    public const string AliasExpansion = "RLS006";
    public const string StringTooLong = "RLS007";
    public const string EmptyDocument = "RLS008";
    public const string UnquotedBracket = "RLS009";
    public const string WrongType = "RLS010";
    public const string UnknownKey = "RLS011";
    public const string MissingField = "RLS012";
    public const string DuplicateId = "RLS013";
    public const string DuplicateKey = "RLS014";
    public const string InvalidId = "RLS015";
    public const string InvalidValue = "RLS016";
    public const string DecimalComma = "RLS017";
    public const string UnknownRole = "RLS020";
    public const string UnknownMetric = "RLS021";
    public const string UnknownResource = "RLS022";
    public const string UnknownPhase = "RLS024";
    public const string UnknownOption = "RLS025";
    public const string FormulaSyntax = "RLS030";
    public const string FormulaUnknownName = "RLS031";
    public const string FormulaUnknownFunction = "RLS032";
    public const string DutchConnective = "RLS033";
    public const string MinAboveMax = "RLS040";
    public const string StartOutOfRange = "RLS041";
    public const string RoundsOutOfRange = "RLS042";
    public const string SeatsCannotHoldPlayers = "RLS043";
    public const string NegativeCost = "RLS044";
    public const string NumberOutOfRange = "RLS045";
    public const string DilemmaNeverDrawn = "RLS051";
    public const string RoleWithoutActions = "RLS052";
    public const string MissingTranslation = "RLS053";
    public const string ProposalToSelf = "RLS054";
    public const string TooFewOptions = "RLS055";
    public const string UnusedPhase = "RLS056";
}
