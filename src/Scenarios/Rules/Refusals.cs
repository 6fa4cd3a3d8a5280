using System.Globalization;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>
/// The stable code of every refusal the product gives: by the rules, by a table's envelope and
/// store, by the hubs, by the workshop and by the REST API (docs/protocol.md lists them all).
/// </summary>
public static class RefusalCodes
{
    // ---- the rules
    public const string InvalidCommand = "invalid_command";
    public const string UnknownCommand = "unknown_command";
    public const string InvalidName = "invalid_name";
    public const string GameStarted = "game_started";
    public const string TableFull = "table_full";
    public const string NotAllowed = "not_allowed";
    public const string NoSuchSeat = "no_such_seat";
    public const string SeatLeft = "seat_left";
    public const string NotAPlayer = "not_a_player";
    public const string NotSeated = "not_seated";
    public const string TooFewPlayers = "too_few_players";
    public const string AlreadyStarted = "already_started";
    public const string Paused = "paused";
    public const string CannotAdvance = "cannot_advance";
    public const string CannotPause = "cannot_pause";
    public const string NotPaused = "not_paused";
    public const string InvalidArgument = "invalid_argument";
    public const string NoTimer = "no_timer";
    public const string AlreadyEnded = "already_ended";
    public const string TooLong = "too_long";
    public const string UnknownAction = "unknown_action";
    public const string NotYourRole = "not_your_role";
    public const string WrongPhase = "wrong_phase";
    public const string LimitReached = "limit_reached";
    public const string InsufficientResources = "insufficient_resources";
    public const string VoteOpen = "vote_open";
    public const string NobodyToAsk = "nobody_to_ask";
    public const string ConditionNotMet = "condition_not_met";
    public const string NoSuchProposal = "no_such_proposal";
    public const string NotAddressedToYou = "not_addressed_to_you";
    public const string InvalidAnswer = "invalid_answer";
    public const string NoSuchBallot = "no_such_ballot";
    public const string InvalidOption = "invalid_option";
    public const string AlreadyVoted = "already_voted";
    public const string NoDilemma = "no_dilemma";
    public const string DecidedByVote = "decided_by_vote";
    public const string NotYourDecision = "not_your_decision";
    public const string UnknownDilemma = "unknown_dilemma";
    public const string DilemmaOpen = "dilemma_open";
    public const string UnknownRole = "unknown_role";
    public const string GameOver = "game_over";
    public const string LastRound = "last_round";
    public const string NotStarted = "not_started";
    public const string SeatsExceeded = "seats_exceeded";
    public const string EmptyNote = "empty_note";
    public const string InvalidWord = "invalid_word";
    public const string FormulaFailed = "formula_failed";

    // ---- the console: messages and the inject plan
    public const string InvalidRound = "invalid_round";
    public const string UnknownPhase = "unknown_phase";
    public const string InjectPast = "inject_past";
    public const string InjectSlotTaken = "inject_slot_taken";
    public const string NoSuchInject = "no_such_inject";
    public const string InjectDone = "inject_done";

    // ---- a table's envelope and its store
    public const string StaleVersion = "stale_version";
    public const string Conflict = "conflict";
    public const string StorageUnavailable = "storage_unavailable";

    /// <summary>The store may or may not have taken the command (its connection broke during the commit), and could not be asked.</summary>
    public const string StorageUnknown = "storage_unknown";
    public const string NoSuchTable = "no_such_table";
    public const string InvalidCommandId = "invalid_command_id";

    // ---- the hubs
    public const string NotJoined = "not_joined";
    public const string NotOpen = "not_open";
    public const string InvalidToken = "invalid_token";
    public const string InvalidKey = "invalid_key";
    public const string KeyMissing = "key_missing";

    /// <summary>The facilitator key this console was opened with was replaced: open it again with the new key.</summary>
    public const string KeyRotated = "key_rotated";

    /// <summary>The sender sent more commands than its rate allows; nothing changed.</summary>
    public const string TooFast = "too_fast";

    /// <summary>The table's grain could not be reached (a silo went away); nothing is known to have changed.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Resume, Open or Watch could not reach the cluster (a silo died and is not yet replaced): the page retries by itself.</summary>
    public const string HostUnavailable = "host_unavailable";

    // ---- the workshop and the REST API
    public const string NoSuchWorkshop = "no_such_workshop";
    public const string NoSuchPlayer = "no_such_player";
    public const string NoRoom = "no_room";
    public const string TooManyJoins = "too_many_joins";
    public const string UnknownScenario = "unknown_scenario";
    public const string InvalidTables = "invalid_tables";
    public const string InvalidLanguage = "invalid_language";
    public const string InvalidTitle = "invalid_title";
    public const string InvalidBody = "invalid_body";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string NotFound = "not_found";
    public const string TooManyRequests = "too_many_requests";
    public const string BuiltInId = "builtin_id";
    public const string VersionInUse = "version_in_use";

    // ---- the scenario library over REST (writing: the author key)
    public const string AuthorKeyMissing = "author_key_missing";
    public const string InvalidAuthorKey = "invalid_author_key";
    public const string LocalOnly = "local_only";
    public const string InvalidScenario = "invalid_scenario";
    public const string InvalidScenarioId = "invalid_scenario_id";
    public const string ScenarioIdTaken = "scenario_id_taken";

    // ---- privacy: a player's own data, deleting a workshop, the facilitator key
    public const string TokenMissing = "token_missing";

    // ---- seating and bots in seats
    public const string UnknownBotKind = "unknown_bot_kind";

    // ---- observers (the observer link)
    public const string NotForObserver = "not_for_observer";

    // ---- the projector in debrief mode
    public const string RolesWhilePlaying = "roles_while_playing";

    // ---- the balance report over REST
    public const string BalanceBusy = "balance_busy";
    public const string NoSuchBalanceJob = "no_such_balance_job";
}

/// <summary>
/// Every refusal the product gives, with its sentence for the person in Dutch and English: one
/// catalogue, so one refusal reads the same wherever it comes from and a limit is written once
/// (<see cref="Limits"/>). The English sentence doubles as the message for logs and tools.
/// </summary>
public static class Refusals
{
    /// <summary>Dutch numbers (a decimal comma); built by hand, as the server may run without culture data.</summary>
    public static readonly NumberFormatInfo Dutch = NumberFormatInfo.ReadOnly(new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." });

    public static readonly NumberFormatInfo English = NumberFormatInfo.InvariantInfo;

    // ---- seats ---------------------------------------------------------------------------

    public static readonly Rejection InvalidName = new(RefusalCodes.InvalidName,
        $"Vul een naam in van 1 tot {Limits.NameLength} tekens.", $"Enter a name of 1 to {Limits.NameLength} characters.");

    public static readonly Rejection GameStarted = new(RefusalCodes.GameStarted,
        "Het spel is al begonnen. Vraag de begeleider om een plek.", "The game has already started. Ask the facilitator for a seat.");

    public static Rejection TableFull(int max) => new(RefusalCodes.TableFull,
        $"Aan deze tafel kunnen hoogstens {max} spelers. Vraag de begeleider om een plek.", $"This table seats at most {max} players. Ask the facilitator for a seat.");

    public static readonly Rejection OwnSeatOnly = new(RefusalCodes.NotAllowed, "Je kunt alleen je eigen plek verlaten.", "You can only leave your own seat.");

    public static readonly Rejection PresenceBySystem = new(RefusalCodes.NotAllowed, "Aanwezigheid houdt het systeem zelf bij.", "Presence is set by the system.");

    public static Rejection NoSuchSeat(int seat) => new(RefusalCodes.NoSuchSeat, $"Er is geen plek {seat}.", $"There is no seat {seat}.");

    public static readonly Rejection SeatLeft = new(RefusalCodes.SeatLeft, "Deze plek heeft de tafel verlaten.", "This seat has left the table.");

    public static readonly Rejection NotAPlayer = new(RefusalCodes.NotAPlayer, "Alleen een speler aan tafel kan dit.", "Only a seated player can do this.");

    public static readonly Rejection NotSeated = new(RefusalCodes.NotSeated, "Je hebt geen plek aan deze tafel.", "You have no seat at this table.");

    public static readonly Rejection FacilitatorOnly = new(RefusalCodes.NotAllowed, "Alleen de begeleider kan dit.", "Only the facilitator can do this.");

    // ---- flow ----------------------------------------------------------------------------

    public static Rejection TooFewPlayers(int min, int seated) => new(RefusalCodes.TooFewPlayers,
        $"Deze casus heeft minstens {min} spelers nodig; er zitten er {seated}.", $"This scenario needs at least {min} players; {seated} seated.");

    public static readonly Rejection AlreadyStarted = new(RefusalCodes.AlreadyStarted, "Het spel is al begonnen.", "The game has already started.");

    public static readonly Rejection AdvanceByFacilitator = new(RefusalCodes.NotAllowed,
        "Alleen de begeleider (of de timer) zet het spel verder.", "Only the facilitator (or the timer) moves the game on.");

    public static readonly Rejection Paused = new(RefusalCodes.Paused, "Het spel is gepauzeerd.", "The game is paused.");

    public static readonly Rejection CannotAdvance = new(RefusalCodes.CannotAdvance, "Er komt hierna niets meer.", "There is nothing after this.");

    public static readonly Rejection CannotPause = new(RefusalCodes.CannotPause, "Op dit moment kan het spel niet gepauzeerd worden.", "The game cannot be paused at this point.");

    public static readonly Rejection NotPaused = new(RefusalCodes.NotPaused, "Het spel is niet gepauzeerd.", "The game is not paused.");

    public static Rejection InvalidExtension(int max) => new(RefusalCodes.InvalidArgument,
        $"Verleng met −{max} tot {max} seconden, niet met 0.", $"Extend by -{max} to {max} seconds, not 0.");

    public static readonly Rejection NoTimer = new(RefusalCodes.NoTimer, "Er loopt nu geen timer.", "No timer runs now.");

    public static readonly Rejection AlreadyEnded = new(RefusalCodes.AlreadyEnded, "Het spel is afgelopen.", "The game has ended.");

    public static readonly Rejection NotInRound = new(RefusalCodes.WrongPhase, "Acties doe je tijdens de rondes.", "Actions are taken during the rounds.");

    public static readonly Rejection GameOver = new(RefusalCodes.GameOver, "Het spel is voorbij.", "The game is over.");

    // ---- play ----------------------------------------------------------------------------

    /// <summary>A text longer than <see cref="Limits.NoteLength"/>: one code and one sentence for every note of every command.</summary>
    public static readonly Rejection TooLong = new(RefusalCodes.TooLong,
        $"Die tekst is te lang: hoogstens {Limits.NoteLength} tekens.", $"That text is too long: at most {Limits.NoteLength} characters.");

    public static readonly Rejection EmptyNote = new(RefusalCodes.EmptyNote, "Schrijf eerst iets op.", "Write something first.");

    public static Rejection UnknownAction(string id) => new(RefusalCodes.UnknownAction, $"Er is geen actie '{id}'.", $"There is no action '{id}'.");

    public static Rejection NotYourRole(Text role) => new(RefusalCodes.NotYourRole, $"Alleen de rol {role.Nl} kan dit.", $"Only the {role.En} can do this.");

    public static Rejection OnlyInPhases(IReadOnlyCollection<Text> phases) => new(RefusalCodes.WrongPhase,
        $"Dit kan in de fase: {string.Join(", ", phases.Select(p => p.Nl))}.", $"This can be done in: {string.Join(", ", phases.Select(p => p.En))}.");

    public static readonly Rejection DoneThisRound = new(RefusalCodes.LimitReached, "Al gedaan deze ronde.", "Already done this round.");

    public static Rejection DoneTimesThisRound(int times) => times == 1 ? DoneThisRound
        : new(RefusalCodes.LimitReached, $"Deze ronde al {times} keer gedaan.", $"Already done {times} times this round.");

    public static Rejection Insufficient(double amount, Text resource) => new(RefusalCodes.InsufficientResources,
        string.Create(Dutch, $"Daarvoor heb je {amount:0.##} {resource.Nl} nodig."), string.Create(English, $"This needs {amount:0.##} {resource.En}."));

    public static readonly Rejection VoteOpen = new(RefusalCodes.VoteOpen, "Er loopt nog een andere stemming.", "Another vote is still open.");

    public static Rejection NobodyToAsk(Text role) => new(RefusalCodes.NobodyToAsk, $"Niemand heeft deze ronde de rol {role.Nl}.", $"Nobody holds the role {role.En} this round.");

    public static Rejection ConditionNotMet(Text condition) => new(RefusalCodes.ConditionNotMet, $"Alleen mogelijk als: {condition.Nl}.", $"Only possible when: {condition.En}.");

    public static readonly Rejection NoSuchProposal = new(RefusalCodes.NoSuchProposal, "Dit voorstel staat niet meer open.", "This proposal is no longer open.");

    public static readonly Rejection CounterIsForProposer = new(RefusalCodes.NotAddressedToYou, "Op een tegenvoorstel antwoordt wie het voorstel deed.", "The proposer answers a counter-proposal.");

    public static Rejection ProposalFor(Text role) => new(RefusalCodes.NotAddressedToYou, $"Dit voorstel is voor de rol {role.Nl}.", $"This proposal is for the {role.En}.");

    public static readonly Rejection AnswerToCounter = new(RefusalCodes.InvalidAnswer, "Een tegenvoorstel neem je aan of wijs je af.", "A counter-proposal is accepted or rejected.");

    public static readonly Rejection AnswerToProposal = new(RefusalCodes.InvalidAnswer, "Antwoord met aannemen, afwijzen of een tegenvoorstel.", "Answer accept, reject or counter.");

    public static readonly Rejection NoSuchBallot = new(RefusalCodes.NoSuchBallot, "Deze stemming is al gesloten.", "This vote is closed.");

    public static Rejection VoteOneOf(IEnumerable<Text> options) => new(RefusalCodes.InvalidOption,
        $"Stem op een van: {string.Join(", ", options.Select(o => o.Nl))}.", $"Vote one of: {string.Join(", ", options.Select(o => o.En))}.");

    public static Rejection ChooseOneOf(IEnumerable<Text> options) => new(RefusalCodes.InvalidOption,
        $"Kies een van: {string.Join(", ", options.Select(o => o.Nl))}.", $"Choose one of: {string.Join(", ", options.Select(o => o.En))}.");

    public static readonly Rejection AlreadyVoted = new(RefusalCodes.AlreadyVoted, "Je hebt al gestemd.", "You have voted already.");

    public static readonly Rejection NoDilemma = new(RefusalCodes.NoDilemma, "Er ligt geen dilemma op tafel.", "No dilemma is open.");

    public static readonly Rejection DecidedByVote = new(RefusalCodes.DecidedByVote, "Over dit dilemma stemt de hele tafel.", "This dilemma is decided by a vote of all.");

    public static Rejection NotYourDecision(Text role) => new(RefusalCodes.NotYourDecision, $"De rol {role.Nl} beslist over dit dilemma.", $"The {role.En} decides this dilemma.");

    public static Rejection UnknownDilemma(string id) => new(RefusalCodes.UnknownDilemma, $"Er is geen dilemma '{id}'.", $"There is no dilemma '{id}'.");

    public static readonly Rejection InjectInRounds = new(RefusalCodes.WrongPhase, "Dilemma's breng je in tijdens de rondes.", "Dilemmas are injected during the rounds.");

    public static readonly Rejection DilemmaOpen = new(RefusalCodes.DilemmaOpen, "Er ligt nog een ander dilemma op tafel.", "Another dilemma is still open.");

    public static Rejection FormulaFailed(string error) => new(RefusalCodes.FormulaFailed,
        $"Dit kan nu niet: een formule van de casus gaf een fout ({error}).", $"This cannot be done now: a formula of the scenario failed ({error}).");

    // ---- role swaps and reflection -------------------------------------------------------

    public static Rejection UnknownRole(string id) => new(RefusalCodes.UnknownRole, $"Er is geen rol '{id}'.", $"There is no role '{id}'.");

    public static readonly Rejection LastRound = new(RefusalCodes.LastRound, "Er komt geen ronde meer om rollen voor toe te wijzen.", "There is no next round to assign roles for.");

    public static readonly Rejection NotStarted = new(RefusalCodes.NotStarted,
        "Rollen worden bij de start verdeeld; wijs ze daarna toe.", "Roles are planned when the game starts; assign them after the start.");

    public static Rejection SeatsExceeded(Text from, Text role) => new(RefusalCodes.SeatsExceeded,
        $"Dan komen de plekken van {from.Nl} of {role.Nl} buiten hun grenzen; wissel met een plek die {role.Nl} heeft.",
        $"That would leave the seats of {from.En} or {role.En} outside their limits; swap with a seat that holds {role.En}.");

    public static readonly Rejection HandoverWhen = new(RefusalCodes.WrongPhase,
        "Tips schrijf je tijdens een ronde of bij de rolwissel.", "Handover notes are written during a round or at the role swap.");

    public static readonly Rejection InvalidWord = new(RefusalCodes.InvalidWord,
        $"Eén woord van hoogstens {Limits.WordLength} tekens.", $"One word of at most {Limits.WordLength} characters.");

    public static readonly Rejection ReflectWhen = new(RefusalCodes.WrongPhase,
        "Reflecties geef je bij de rolwissel en in de nabespreking.", "Reflections are given at the role swap and in the debrief.");

    // ---- the console: messages and the inject plan ---------------------------------------

    public static Rejection InvalidRound(int rounds) => new(RefusalCodes.InvalidRound,
        $"Kies een ronde van 1 tot en met {rounds}.", $"Choose a round from 1 to {rounds}.");

    public static Rejection UnknownPhase(string id, IEnumerable<string> phases) => new(RefusalCodes.UnknownPhase,
        $"Er is geen fase '{id}'; kies een van: {string.Join(", ", phases)}.", $"There is no phase '{id}'; choose one of: {string.Join(", ", phases)}.");

    public static Rejection InjectPast(int round, Text phase) => new(RefusalCodes.InjectPast,
        $"Ronde {round}, fase {phase.Nl} is al begonnen of voorbij; plan een latere fase of breng het dilemma nu in.",
        $"Round {round}, phase {phase.En} has already begun or passed; plan a later phase or inject the dilemma now.");

    public static Rejection InjectSlotTaken(int round, Text phase) => new(RefusalCodes.InjectSlotTaken,
        $"Voor ronde {round}, fase {phase.Nl} staat al een dilemma gepland; schrap dat eerst.",
        $"A dilemma is already planned for round {round}, phase {phase.En}; cancel that one first.");

    public static Rejection NoSuchInject(int id) => new(RefusalCodes.NoSuchInject, $"Er is geen geplande inbreng {id}.", $"There is no planned inject {id}.");

    public static readonly Rejection InjectDone = new(RefusalCodes.InjectDone,
        "Deze inbreng is al uitgevoerd of geschrapt.", "This inject has already fired or been cancelled.");

    // ---- commands that can not be read ---------------------------------------------------

    public static Rejection UnknownCommand(string name) => new(RefusalCodes.UnknownCommand,
        $"Het spel kent de opdracht '{name}' niet.", $"'{name}' is not a command these rules know.");

    /// <summary>A command the server could not read: not an object, an unknown type, a field of the wrong kind; <paramref name="detail"/> says where.</summary>
    public static Rejection UnreadableCommand(string detail) => new(RefusalCodes.InvalidCommand,
        $"Deze opdracht kan het spel niet lezen ({detail}): een object met een bekend 'type' en de velden van dat type, zie docs/protocol.md.",
        $"This command cannot be read ({detail}): an object with a known 'type' and that type's fields, see docs/protocol.md.");

    /// <summary>A command whose required field is missing or null.</summary>
    public static Rejection MissingField(string field) => new(RefusalCodes.InvalidCommand,
        $"Deze opdracht mist het veld '{field}'.", $"This command lacks the field '{field}'.");

    // ---- a table's envelope and its store -------------------------------------------------

    /// <summary>The table changed under the command (stale or conflicting): look again.</summary>
    public static readonly Rejection StaleVersion = new(RefusalCodes.StaleVersion,
        "De tafel was net veranderd. Kijk nog eens en probeer het opnieuw.", "The table had just changed. Have another look and try again.");

    public static readonly Rejection Conflict = StaleVersion with { Code = RefusalCodes.Conflict };

    /// <summary>The store refused the write: nothing changed, try again.</summary>
    public static readonly Rejection StorageUnavailable = new(RefusalCodes.StorageUnavailable,
        "Even niet opgeslagen; er is niets veranderd. Probeer het opnieuw.", "Not saved just now; nothing changed. Please try again.");

    /// <summary>The store could not say whether the command was taken: the same command again is safe.</summary>
    public static readonly Rejection StorageUnknown = new(RefusalCodes.StorageUnknown,
        "Niet zeker of dit is opgeslagen. Probeer het zo nog eens; is het al gelukt, dan gebeurt het niet twee keer.",
        "Not sure this was saved. Try again in a moment; if it worked, it will not happen twice.");

    /// <summary>A move of a player whose record may or may not have been saved.</summary>
    public static readonly Rejection MoveUnknown = new(RefusalCodes.StorageUnknown,
        "Niet zeker of de verplaatsing is opgeslagen. Kijk bij de tafels voordat je het opnieuw probeert.", "Not sure the move was saved. Look at the tables before you try again.");

    public static Rejection NoSuchTable(string table) => new(RefusalCodes.NoSuchTable, $"Er is geen tafel {table}.", $"There is no table {table}.");

    public static Rejection TablesNumbered(int tables) => new(RefusalCodes.NoSuchTable,
        $"De tafels zijn genummerd van 1 tot en met {tables}.", $"The tables are numbered 1 to {tables}.");

    public static readonly Rejection InvalidCommandId = new(RefusalCodes.InvalidCommandId,
        $"Een opdracht heeft een id van 1 tot {Limits.CommandIdLength} tekens.", $"A command needs an id of 1 to {Limits.CommandIdLength} characters.");

    public static readonly Rejection InvalidStoredCommandId = new(RefusalCodes.InvalidCommandId,
        $"Een opdracht heeft een id van 1 tot {Limits.StoredCommandIdLength} tekens.", $"A command needs an id of 1 to {Limits.StoredCommandIdLength} characters.");

    // ---- the hubs ------------------------------------------------------------------------

    public static readonly Rejection NotJoined = new(RefusalCodes.NotJoined, "Je bent nog niet verbonden met je plek. Een ogenblik…", "You are not connected to your seat yet. One moment…");

    public static readonly Rejection NotForPlayers = new(RefusalCodes.NotAllowed, "Dat mag alleen de begeleider.", "Only the facilitator may do that.");

    public static readonly Rejection NotForConsole = new(RefusalCodes.NotAllowed, "Dat kan de console niet versturen.", "The console cannot send this command.");

    public static readonly Rejection NotOpen = new(RefusalCodes.NotOpen, "De console is nog niet geopend.", "The console is not open yet.");

    public static readonly Rejection InvalidToken = new(RefusalCodes.InvalidToken,
        "Deze plek is niet (meer) geldig. Doe opnieuw mee met de code.", "This seat is not valid (any more). Join again with the code.");

    public static readonly Rejection KeyMissing = new(RefusalCodes.KeyMissing,
        "Stuur de sleutel van de begeleider mee (Authorization: Bearer …).", "Send the facilitator key (Authorization: Bearer …).");

    public static readonly Rejection InvalidKey = new(RefusalCodes.InvalidKey,
        "De werksessie of de sleutel van de begeleider klopt niet.", "The workshop or its facilitator key is not right.");

    public static readonly Rejection KeyRotated = new(RefusalCodes.KeyRotated,
        "De sleutel van de begeleider is vervangen. Open de console met de nieuwe sleutel.", "The facilitator key was replaced. Open the console with the new key.");

    public static readonly Rejection TooFast = new(RefusalCodes.TooFast,
        "Rustig aan: te veel opdrachten achter elkaar. Wacht even en probeer het opnieuw.", "Slow down: too many commands in a row. Wait a moment and try again.");

    public static readonly Rejection Unavailable = new(RefusalCodes.Unavailable, "De tafel is even niet bereikbaar; probeer het opnieuw.", "The table could not be reached; try again.");

    public static readonly Rejection HostUnavailable = new(RefusalCodes.HostUnavailable,
        "Opnieuw verbinden… een server is weggevallen en wordt vervangen.", "Reconnecting… a server went away and is being replaced.");

    // ---- the workshop and the REST API ---------------------------------------------------

    public static readonly Rejection NoSuchWorkshop = new(RefusalCodes.NoSuchWorkshop,
        "Deze code kennen we niet. Kijk nog eens goed op het scherm.", "We do not know this code. Have another look at the screen.");

    public static readonly Rejection NoSuchPlayer = new(RefusalCodes.NoSuchPlayer, "Deze speler hoort niet bij deze werksessie.", "There is no such player in this workshop.");

    public static readonly Rejection TooManyJoins = new(RefusalCodes.TooManyJoins,
        "Bij deze werksessie hebben zich al meer spelers aangemeld dan er plekken zijn. Vraag de begeleider.",
        "More players have joined this workshop than it has seats. Ask the facilitator.");

    public static readonly Rejection NoRoom = new(RefusalCodes.NoRoom, "Alle tafels zijn vol. Vraag de begeleider om een plek.", "All tables are full. Ask the facilitator for a seat.");

    public static Rejection UnknownScenario(string id, int? version) => new(RefusalCodes.UnknownScenario,
        $"De casus '{id}'{(version is { } v ? $" versie {v}" : "")} bestaat niet (meer). Kies een andere.",
        $"The library has no scenario '{id}'{(version is { } w ? $" version {w}" : "")}. Choose another.");

    public static readonly Rejection InvalidTables = new(RefusalCodes.InvalidTables, $"Kies 1 tot {Limits.Tables} tafels.", $"Choose 1 to {Limits.Tables} tables.");

    public static readonly Rejection InvalidLanguage = new(RefusalCodes.InvalidLanguage, "Kies Nederlands (nl) of Engels (en).", "Choose Dutch (nl) or English (en).");

    public static readonly Rejection InvalidTitle = new(RefusalCodes.InvalidTitle,
        $"Een titel heeft hoogstens {Limits.TitleLength} tekens, zonder stuurtekens.", $"A title has at most {Limits.TitleLength} characters and no control characters.");

    public static Rejection InvalidBody(string problem) => new(RefusalCodes.InvalidBody,
        $"De server kan dit verzoek niet lezen: {problem}.", $"The request body cannot be read: {problem}.");

    public static readonly Rejection UnsupportedMediaType = new(RefusalCodes.UnsupportedMediaType,
        "Stuur de gegevens als JSON (Content-Type: application/json).", "Send the body as JSON (Content-Type: application/json).");

    public static readonly Rejection NotFound = new(RefusalCodes.NotFound, "Dit adres bestaat niet in de API.", "There is no such API path.");

    public static readonly Rejection TooManyRequests = new(RefusalCodes.TooManyRequests,
        "Te veel pogingen vanaf dit adres; wacht een minuut.", "Too many attempts from this address; wait a minute.");

    public static Rejection BuiltInId(string id) => new(RefusalCodes.BuiltInId,
        $"'{id}' is de id van een ingebouwde casus; geef je casus een andere id.", $"'{id}' is the id of a built-in scenario; give your scenario another id.");

    public static Rejection VersionInUse(string id, int version) => new(RefusalCodes.VersionInUse,
        $"Versie {version} van '{id}' is door een tafel gebruikt en verandert niet meer; verhoog het versienummer.",
        $"Version {version} of '{id}' is used by a table and can not change; raise the version number.");

    // ---- the scenario library over REST ----------------------------------------------------

    public static readonly Rejection AuthorKeyMissing = new(RefusalCodes.AuthorKeyMissing,
        "Stuur de auteurssleutel van de bibliotheek mee (Authorization: Bearer …).", "Send the library's author key (Authorization: Bearer …).");

    public static readonly Rejection InvalidAuthorKey = new(RefusalCodes.InvalidAuthorKey,
        "Deze auteurssleutel klopt niet.", "This author key is not right.");

    public static readonly Rejection LocalOnly = new(RefusalCodes.LocalOnly,
        "Zonder auteurssleutel kan alleen deze computer zelf casussen opslaan; stel Library:AuthorKey in.",
        "Without an author key only this machine itself may store scenarios; set Library:AuthorKey.");

    public static readonly Rejection InvalidScenario = new(RefusalCodes.InvalidScenario,
        "De casus heeft fouten en is niet opgeslagen; zie de meldingen.", "The scenario has errors and was not stored; see the diagnostics.");

    public static readonly Rejection InvalidScenarioId = new(RefusalCodes.InvalidScenarioId,
        "Een id is kleine letters, cijfers en _, begint met een letter en heeft hoogstens 40 tekens.",
        "An id is lowercase letters, digits and _, starts with a letter and has at most 40 characters.");

    public static Rejection ScenarioIdTaken(string id) => new(RefusalCodes.ScenarioIdTaken,
        $"De bibliotheek heeft al een casus '{id}'; kies een andere id.", $"The library already has a scenario '{id}'; choose another id.");

    public static readonly Rejection NotYaml = new(RefusalCodes.UnsupportedMediaType,
        "Stuur de casus als YAML (Content-Type: application/yaml).", "Send the scenario as YAML (Content-Type: application/yaml).");

    public static Rejection CannotDelete(string id, int version) => new(RefusalCodes.VersionInUse,
        $"Versie {version} van '{id}' is door een tafel gebruikt (of ingebouwd) en blijft bewaard.",
        $"Version {version} of '{id}' is used by a table (or built in) and is kept.");

    // ---- privacy ---------------------------------------------------------------------------

    public static readonly Rejection TokenMissing = new(RefusalCodes.TokenMissing,
        "Stuur de sleutel van je plek mee (Authorization: Bearer …).", "Send your seat token (Authorization: Bearer …).");

    // ---- seating and bots in seats -----------------------------------------------------------

    public static Rejection UnknownBotKind(string kind) => new(RefusalCodes.UnknownBotKind,
        $"Er is geen bot '{kind}'; kies random, greedy of cooperative.", $"There is no bot '{kind}'; choose random, greedy or cooperative.");

    /// <summary>The table a player picked is full: the refusal names it, so they can pick another.</summary>
    public static Rejection ChosenTableFull(int table) => new(RefusalCodes.TableFull,
        $"Tafel {table} is vol. Kies een andere tafel.", $"Table {table} is full. Choose another table.");

    // ---- observers ---------------------------------------------------------------------------

    public static readonly Rejection NotForObserver = new(RefusalCodes.NotForObserver,
        "Een waarnemer kan meekijken en notities vastzetten, verder niets.", "An observer can watch and pin notes, nothing else.");

    // ---- the projector in debrief mode -------------------------------------------------------

    /// <summary>What every role saw goes on the projector only once no table plays any more: a table still playing would read the others' secret goals.</summary>
    public static Rejection RolesWhilePlaying(IReadOnlyList<int> tables) => new(RefusalCodes.RolesWhilePlaying,
        $"Wat elke rol zag kan pas op het scherm als elke tafel klaar is met spelen ({Tables("tafel", "tafels", tables)} nog niet): zo blijven de geheime opdrachten geheim.",
        $"What each role saw can go on the screen only once every table has finished playing ({Tables("table", "tables", tables)} not yet): so the secret goals stay secret.");

    private static string Tables(string one, string many, IReadOnlyList<int> tables) =>
        $"{(tables.Count == 1 ? one : many)} {string.Join(", ", tables)}";

    // ---- the balance report over REST --------------------------------------------------------

    public static Rejection BalanceBusy(int waiting) => new(RefusalCodes.BalanceBusy,
        $"Er lopen of wachten al {waiting} balansrapporten op deze server; probeer het zo weer.",
        $"{waiting} balance reports are already running or waiting on this server; try again shortly.");

    public static readonly Rejection NoSuchBalanceJob = new(RefusalCodes.NoSuchBalanceJob,
        "Dit balansrapport bestaat niet (meer).", "There is no such balance report (any more).");

    public static Rejection BalanceTooLarge(int games, int max) => new(RefusalCodes.InvalidBody,
        $"De server kan dit verzoek niet lezen: {games} spellen (spellen × 3 soorten bots × aantallen spelers) is meer dan {max}.",
        $"The request body cannot be read: {games} games (games × 3 bot kinds × player counts) is more than {max}.");
}
