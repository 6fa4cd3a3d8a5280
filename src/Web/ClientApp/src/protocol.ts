// Every message of docs/protocol.md, typed once. JSON is camelCase, enums are snake_case
// strings, times ISO 8601. Each interface and string union names the C# type it mirrors
// (`@server Namespace.Type`) or says why it can not (`@unchecked why`);
// tests/Web.Tests/ProtocolContractTests.cs compares their JSON fields and values both ways, so a
// server message that gains, loses or renames a field fails a test until this file follows.

/**
 * A translated text.
 * @server RegioLab.Sim.Scenarios.Model.Text
 */
export interface Text {
  nl: string;
  en: string;
}

/** @unchecked a plain string on the server ("nl" or "en") */
export type Language = "nl" | "en";
/** @server RegioLab.Sim.Scenarios.Flow.Stage */
export type Stage = "lobby" | "briefing" | "playing" | "role_swap" | "debrief" | "ended";
/** @server RegioLab.Sim.Scenarios.Model.Direction */
export type Direction = "up" | "down";
/** @server RegioLab.Sim.Scenarios.Model.ActionKind */
export type ActionKind = "direct" | "proposal" | "vote";
/** How players get their table. @server RegioLab.Sim.Contracts.SeatingMode */
export type SeatingMode = "spread" | "pick";
/** @server RegioLab.Sim.Scenarios.Model.RotationMode */
export type RotationMode = "rotate" | "facilitator" | "fixed";
/** @server RegioLab.Sim.Scenarios.Rules.BallotSubject */
export type BallotSubject = "action" | "dilemma";
/** @server RegioLab.Sim.Scenarios.Rules.Answer */
export type ProposalAnswer = "accept" | "reject" | "counter" | "expire";
/** What a player may answer to a proposal; "expire" is the table's own, when a proposal runs out. */
export type Answer = Exclude<ProposalAnswer, "expire">;
/** @unchecked Headline.Kind is a plain string on the server (SeatView.cs says which) */
export type HeadlineKind =
  | "action"
  | "ballot"
  | "vote"
  | "proposal"
  | "proposal_answered"
  | "counter_answered"
  | "proposal_expired"
  | "counter_expired"
  | "dilemma"
  | "dilemma_default"
  | "dilemma_vote"
  | "dilemma_drawn"
  | "flow"
  | "pause"
  | "resume";

// ---- REST ----------------------------------------------------------------------------------

/**
 * GET /api/scenarios: one version in the library.
 * @server RegioLab.Sim.Web.Api.LibraryEntry
 */
export interface ScenarioEntry {
  id: string;
  version: number;
  title: Text;
  summary: Text;
  builtIn: boolean;
  /** A table used this version: it never changes. */
  inUse: boolean;
}

/**
 * POST /api/workshops.
 * @server RegioLab.Sim.Web.Live.CreateWorkshopRequest
 */
export interface CreateWorkshopRequest {
  scenario: string;
  scenarioVersion?: number;
  tables: number;
  rotation?: RotationMode;
  language?: Language;
  title?: string;
  /** Spread players evenly (the default) or let each pick a table. */
  seating?: SeatingMode;
}

/** @server RegioLab.Sim.Web.Live.CreateWorkshopResponse */
export interface CreateWorkshopResponse {
  workshopId: string;
  joinCode: string;
  facilitatorKey: string;
  joinUrl: string;
  sessions: string[];
}

/**
 * GET /api/join/{code}.
 * @server RegioLab.Sim.Web.Live.JoinInfo
 */
export interface JoinInfo {
  joinCode: string;
  title: string;
  language: string;
  scenarioTitle: Text;
  tables: number;
  seating: SeatingMode;
  /** When players pick their table: every table's players and seats. */
  seats: TableSeats[];
}

/** @server RegioLab.Sim.Contracts.TableSeats */
export interface TableSeats {
  table: number;
  players: number;
  max: number;
  started: boolean;
}

/**
 * POST /api/join/{code}.
 * @server RegioLab.Sim.Web.Live.JoinRequest
 */
export interface JoinRequest {
  name: string;
  /** The table the player chose (when players pick their table). */
  table?: number;
}

/** @server RegioLab.Sim.Web.Live.JoinResponse */
export interface JoinResponse {
  seatToken: string;
  workshopId: string;
  sessionId: string;
  table: number;
  seat: number;
  playerId: string;
  name: string;
}

/**
 * Every refused REST call.
 * @server RegioLab.Sim.Web.Live.ApiError
 */
export interface ApiError {
  code: string;
  /** English, for logs and tools. */
  message: string;
  /** Why not, for the person, in both languages; the server always sends it (the page makes errors without it: no connection, a proxy's page). */
  reason?: Text;
}

// ---- The scenario's public outline -----------------------------------------------------------

/** @server RegioLab.Sim.Web.Live.PhaseInfo */
export interface PhaseInfo {
  id: string;
  label: Text;
  seconds: number;
}

/** @server RegioLab.Sim.Web.Live.RoleInfo */
export interface RoleInfo {
  id: string;
  name: Text;
  description: Text;
}

/** @server RegioLab.Sim.Web.Live.MetricInfo */
export interface MetricInfo {
  id: string;
  label: Text;
  unit: Text;
  min: number;
  max: number;
  good: Direction;
}

/** @server RegioLab.Sim.Web.Live.OptionInfo */
export interface OptionInfo {
  id: string;
  label: Text;
}

/** @server RegioLab.Sim.Web.Live.DilemmaInfo */
export interface DilemmaInfo {
  id: string;
  title: Text;
  options: OptionInfo[];
}

/** @server RegioLab.Sim.Web.Live.AchievementInfo */
export interface AchievementInfo {
  id: string;
  label: Text;
}

/** @server RegioLab.Sim.Scenarios.Model.Cost */
export interface Cost {
  resource: string;
  amount: number;
}

/**
 * An action card: which role has it, what it is called and does, what kind it is and what it costs.
 * @server RegioLab.Sim.Web.Live.ActionInfo
 */
export interface ActionInfo {
  id: string;
  role: string;
  label: Text;
  description: Text;
  kind: ActionKind;
  /** The role a proposal goes to. */
  to: string | null;
  cost: Cost[];
  /** What it does to the shared metrics (a role's resources are not in it). */
  effects: MetricEffect[];
  /** What an accepted counter-proposal does instead; null: the same as the proposal. */
  counterEffects: MetricEffect[] | null;
}

/**
 * Every text and number of a scenario that does not change during a game; updates refer to it by id.
 * @server RegioLab.Sim.Web.Live.ScenarioInfo
 */
export interface ScenarioInfo {
  id: string;
  version: number;
  title: Text;
  summary: Text;
  rounds: number;
  /** The most players a table seats (a table at this count refuses one more: `table_full`). */
  maxPlayers: number;
  phases: PhaseInfo[];
  roles: RoleInfo[];
  metrics: MetricInfo[];
  dilemmas: DilemmaInfo[];
  actions: ActionInfo[];
  achievements: AchievementInfo[];
  swapReflection: Text;
  /** Every reason an action may not be possible; `ActionView.reason` names one by its index. */
  reasons: Text[];
}

// ---- Views -------------------------------------------------------------------------------------

/** @server RegioLab.Sim.Scenarios.Flow.FlowState */
export interface FlowState {
  stage: Stage;
  round: number;
  phase: number;
  paused: boolean;
  /** A stage in which the game runs and a pause makes sense (briefing, playing, role swap). */
  canPause: boolean;
}

// Views carry what changes during a game; labels, units, ranges, action cards and role names are
// the ScenarioInfo's (by id), a role's private texts its RoleBrief's.

/**
 * A shared metric's value and its change since the round began.
 * @server RegioLab.Sim.Scenarios.Views.MetricView
 */
export interface MetricView {
  id: string;
  value: number;
  changeThisRound: number;
}

/** @server RegioLab.Sim.Scenarios.Views.SeatSummary */
export interface SeatSummary {
  seat: number;
  name: string;
  present: boolean;
  left: boolean;
  role: string | null;
  points: number;
  /** The kind of bot that plays this seat now, or null. */
  bot: BotKind | null;
}

/** @unchecked a bot's kind is a plain string on the server (BotKinds.Names) */
export type BotKind = "random" | "greedy" | "cooperative";

/** @server RegioLab.Sim.Scenarios.Views.ResourceView */
export interface ResourceView {
  id: string;
  value: number;
}

/**
 * An action of my role and whether I can take it now; its card is the scenario's.
 * @server RegioLab.Sim.Scenarios.Views.ActionView
 */
export interface ActionView {
  id: string;
  available: boolean;
  /** Why not: an index into `ScenarioInfo.reasons`; null when available. */
  reason: number | null;
}

/** @server RegioLab.Sim.Scenarios.Views.ProposalView */
export interface ProposalView {
  id: number;
  fromSeat: number;
  fromRole: string;
  toRole: string;
  /** The action proposed; its card is the scenario's. */
  action: string;
  note: string;
  countered: boolean;
  counterNote: string;
  mineToAnswer: boolean;
}

/** @server RegioLab.Sim.Scenarios.Views.BallotView */
export interface BallotView {
  id: number;
  subject: BallotSubject;
  subjectId: string;
  options: string[];
  myVote: string | null;
  votesCast: number;
  voters: number;
}

/** @server RegioLab.Sim.Scenarios.Views.MetricEffect */
export interface MetricEffect {
  metric: string;
  /** The author's formula, e.g. "-10" or "+5". */
  change: string;
}

/** @server RegioLab.Sim.Scenarios.Views.OptionView */
export interface OptionView {
  id: string;
  label: Text;
  effects: MetricEffect[];
}

/** @server RegioLab.Sim.Scenarios.Views.DilemmaView */
export interface DilemmaView {
  id: string;
  title: Text;
  body: Text;
  options: OptionView[];
  /** A role id, or "vote". */
  decidedBy: string;
  mineToDecide: boolean;
}

/**
 * My role now: its resources and which of its goals are met right now.
 * @server RegioLab.Sim.Scenarios.Views.RoleCard
 */
export interface RoleCard {
  id: string;
  resources: ResourceView[];
  goalsMet: string[];
}

/** @server RegioLab.Sim.Scenarios.Views.BriefResource */
export interface BriefResource {
  id: string;
  label: Text;
}

/** @server RegioLab.Sim.Scenarios.Views.BriefGoal */
export interface BriefGoal {
  id: string;
  label: Text;
  points: number;
}

/**
 * The private texts of the role I hold: sent once per role, the page keeps them.
 * @server RegioLab.Sim.Scenarios.Views.RoleBrief
 */
export interface RoleBrief {
  id: string;
  brief: Text;
  resources: BriefResource[];
  goals: BriefGoal[];
}

/** @server RegioLab.Sim.Scenarios.Views.NextRole */
export interface NextRole {
  id: string;
  handoverNotes: string[];
}

/**
 * Exactly what one player may see.
 * @server RegioLab.Sim.Scenarios.Views.SeatView
 */
export interface SeatView {
  scenario: string;
  version: number;
  flow: FlowState;
  phaseId: string | null;
  deadline: string | null;
  /** While paused in a phase with a timer: the seconds it will have left when the game resumes. */
  pausedSeconds: number | null;
  metrics: MetricView[];
  seats: SeatSummary[];
  seat: number;
  role: RoleCard | null;
  actions: ActionView[];
  proposals: ProposalView[];
  ballot: BallotView | null;
  dilemma: DilemmaView | null;
  next: NextRole | null;
  points: number;
  achievements: string[];
  communityScore: number | null;
  /** The facilitator's newest messages to every seat or to mine, oldest first. */
  messages: TableMessage[];
}

/**
 * A message from the facilitator: to every seat (seat null) or one; `version` is the log version it was sent at.
 * @server RegioLab.Sim.Scenarios.Rules.TableMessage
 */
export interface TableMessage {
  version: number;
  seat: number | null;
  text: string;
}

/** @server RegioLab.Sim.Scenarios.Rules.HandoverNote */
export interface HandoverNote {
  seat: number;
  role: string;
  round: number;
  text: string;
}

/** @server RegioLab.Sim.Scenarios.Rules.InjectStatus */
export type InjectStatus = "planned" | "fired" | "cancelled";

/**
 * A dilemma planned for a round's phase (the phase's id), and what became of it.
 * @server RegioLab.Sim.Scenarios.Rules.PlannedInject
 */
export interface PlannedInject {
  id: number;
  round: number;
  phase: string;
  dilemma: string;
  status: InjectStatus;
  /** Why it was cancelled: "cancelled" (by the facilitator) or "dilemma_open". */
  reason: string | null;
}

/**
 * A shared metric ("trust") or a role's resource ("alderman.capital") and how it moved.
 * @server RegioLab.Sim.Scenarios.Rules.Change
 */
export interface Change {
  target: string;
  delta: number;
}

/** @server RegioLab.Sim.Scenarios.Views.Headline */
export interface Headline {
  version: number;
  kind: HeadlineKind;
  /** Who acted (null: the table or the clock), and the role they held at this version. */
  seat: number | null;
  role: string | null;
  /** An action id, a dilemma id, or the flow state as text. */
  subject: string | null;
  /** An answer ("accept", "reject", "counter", "expire"), a vote's outcome ("yes", "no", null: nobody voted) or a dilemma's option. */
  outcome: string | null;
  /** The other side of a proposal: the role asked, or whose proposal (or counter) was answered. */
  otherSeat: number | null;
  otherRole: string | null;
  /** A closed vote's count per option. */
  tally: Record<string, number> | null;
  changes: Change[];
  /** A bot played the acting seat at this version: the story marks the line. */
  bot: boolean;
}

/**
 * The headlines of round `round` after version `after`: the whole round when `after` is at most
 * `startedAfter` (the version the round began after), else what followed the previous push.
 * Merged by src/summary.ts.
 * @server RegioLab.Sim.Web.Live.RoundSummary
 */
export interface RoundSummary {
  round: number;
  startedAfter: number;
  after: number;
  headlines: Headline[];
}

// ---- Player hub --------------------------------------------------------------------------------

/**
 * A player's update. `after` 0: `view` is the whole SeatView; otherwise `view` holds only the fields
 * that changed since the view of version `after` (the one this page was sent last): a field that became
 * null is null, an absent one is unchanged. Merged by src/seatView.ts.
 * @server RegioLab.Sim.Web.Live.PlayerUpdate
 */
export interface PlayerUpdate {
  sessionId: string;
  version: number;
  after: number;
  view: Partial<SeatView>;
  summary: RoundSummary;
  /** The brief of the role I hold, only when it is new to this page (after Resume, a role swap). */
  brief: RoleBrief | null;
}

/** @server RegioLab.Sim.Web.Live.PlayerSession */
export interface PlayerSession {
  ok: boolean;
  code: string | null;
  message: string | null;
  /** Why not, for the person, in both languages. */
  reason: Text | null;
  workshopId: string | null;
  sessionId: string | null;
  table: number;
  seat: number;
  playerId: string | null;
  name: string | null;
  language: string | null;
  scenario: ScenarioInfo | null;
}

/** @server RegioLab.Sim.Web.Live.Ack */
export interface Ack {
  accepted: boolean;
  version: number;
  code: string | null;
  /** English, for logs and tools. */
  message: string | null;
  repeated: boolean;
  /** Why not, for the person, in both languages. */
  reason: Text | null;
}

/** What a player sends (PlayerHub.Send). @server RegioLab.Sim.Scenarios.Rules.Command */
export type PlayerCommand =
  | { type: "act"; action: string; note: string }
  | { type: "answer_proposal"; proposal: number; answer: Answer; note: string }
  | { type: "cast_vote"; ballot: number; option: string }
  | { type: "resolve_dilemma"; option: string }
  | { type: "request_role_swap"; role: string; note: string }
  | { type: "write_handover_note"; text: string }
  | { type: "reflect"; word: string; text: string };

// ---- Facilitator hub ---------------------------------------------------------------------------

/** @server RegioLab.Sim.Contracts.ScenarioRef */
export interface ScenarioRef {
  id: string;
  version: number;
}

/** @server RegioLab.Sim.Contracts.WorkshopPlayer */
export interface WorkshopPlayer {
  playerId: string;
  name: string;
  table: number;
  seat: number;
}

/** @server RegioLab.Sim.Contracts.WorkshopInfo */
export interface WorkshopInfo {
  workshopId: string;
  joinCode: string;
  title: string;
  scenario: ScenarioRef;
  rotation: RotationMode | null;
  language: string;
  sessions: string[];
  players: WorkshopPlayer[];
  createdAt: string;
  seating: SeatingMode;
}

/** @server RegioLab.Sim.Web.Live.FacilitatorSession */
export interface FacilitatorSession {
  ok: boolean;
  code: string | null;
  message: string | null;
  /** Why not, for the person, in both languages. */
  reason: Text | null;
  workshop: WorkshopInfo | null;
  scenario: ScenarioInfo | null;
  joinUrl: string | null;
  /** Every role's brief: the console alone reads them (its story names every role's resources). */
  briefs: RoleBrief[] | null;
}

/** @server RegioLab.Sim.Scenarios.Rules.Proposal */
export interface Proposal {
  id: number;
  fromSeat: number;
  fromRole: string;
  toRole: string;
  action: string;
  note: string;
  countered: boolean;
  counterNote: string;
}

/** @server RegioLab.Sim.Scenarios.Rules.Ballot */
export interface Ballot {
  id: number;
  subject: BallotSubject;
  subjectId: string;
  calledBy: number;
  calledByRole: string;
  options: string[];
  /** Seat number (as a string key) → option. */
  votes: Record<string, string>;
}

/** @server RegioLab.Sim.Scenarios.Rules.RoleSwapRequest */
export interface RoleSwapRequest {
  seat: number;
  role: string;
  note: string;
}

/** @server RegioLab.Sim.Scenarios.Rules.Reflection */
export interface Reflection {
  seat: number;
  role: string;
  round: number;
  word: string;
  text: string;
}

/**
 * A table as the console holds it. Pushed whole (`after` 0: on Open, after a failed push) or as a
 * FacilitatorTableDelta on the version `after` this console was sent last (docs/protocol.md "Table").
 * @server RegioLab.Sim.Web.Live.FacilitatorTable
 */
export interface FacilitatorTable {
  sessionId: string;
  table: number;
  version: number;
  after: number;
  flow: FlowState;
  phaseId: string | null;
  deadline: string | null;
  /** While paused in a phase with a timer: the seconds it will have left when the game resumes. */
  pausedSeconds: number | null;
  metrics: MetricView[];
  seats: SeatSummary[];
  /** "role.resource" → value, for every role. */
  resources: Record<string, number>;
  proposals: Proposal[];
  ballot: Ballot | null;
  openDilemma: string | null;
  swapRequests: RoleSwapRequest[];
  reflections: Reflection[];
  /** plan[round-1][seat] is a role id ("" for none). */
  plan: string[][];
  communityScore: number;
  contribution: Record<string, number>;
  summary: RoundSummary;
  /** The notes the facilitator and observers pinned (never sent to players or the projector). */
  pinnedNotes: PinnedNote[];
  /** The seats that have something to do in this phase and have not acted yet. */
  waiting: number[];
  injects: PlannedInject[];
  messages: TableMessage[];
  /** Every handover note a role's holder left for the next. */
  notes: HandoverNote[];
}

/** A console's table push: the fields that changed since version `after` (all when 0), and always these. */
export type FacilitatorTableDelta = Partial<FacilitatorTable> & Pick<FacilitatorTable, "sessionId" | "table" | "version" | "after" | "summary">;

/** @server RegioLab.Sim.Contracts.MoveResult */
export interface MoveResult {
  moved: boolean;
  player: WorkshopPlayer | null;
  code: string | null;
  message: string | null;
  reason: Text | null;
}

/** What the facilitator sends (FacilitatorHub.Send). @server RegioLab.Sim.Scenarios.Rules.Command */
export type FacilitatorCommand =
  | { type: "start"; seed: number }
  | { type: "advance" }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "extend_timer"; seconds: number }
  | { type: "inject_dilemma"; dilemma: string }
  | { type: "assign_role"; seat: number; role: string }
  | { type: "leave_seat"; seat: number }
  | { type: "end" }
  | { type: "add_bot"; kind: BotKind | null }
  | { type: "set_bot"; seat: number; kind: BotKind | null }
  | { type: "fill_bots"; kind: BotKind | null }
  | { type: "pin_note"; text: string }
  | { type: "send_message"; text: string; seat?: number | null }
  | { type: "plan_inject"; round: number; phase: string; dilemma: string }
  | { type: "cancel_inject"; id: number };

// ---- Projector hub -----------------------------------------------------------------------------

/** @server RegioLab.Sim.Web.Live.ProjectorSession */
export interface ProjectorSession {
  ok: boolean;
  code: string | null;
  message: string | null;
  /** Why not, for the person, in both languages. */
  reason: Text | null;
  title: string | null;
  joinCode: string | null;
  joinUrl: string | null;
  tables: number;
  language: Language | null;
  scenario: ScenarioInfo | null;
}

/** @server RegioLab.Sim.Web.Live.ProjectorTable */
export interface ProjectorTable {
  sessionId: string;
  table: number;
  version: number;
  flow: FlowState;
  phaseId: string | null;
  deadline: string | null;
  /** While paused in a phase with a timer: the seconds it will have left when the game resumes. */
  pausedSeconds: number | null;
  metrics: MetricView[];
  seats: SeatSummary[];
  summary: RoundSummary;
  /** The open dilemma card (mineToDecide is always false here). */
  dilemma: DilemmaView | null;
  /** The open vote's running count per option. */
  ballot: RoomBallot | null;
  /** This round's one-word reflections, no names, alphabetical. */
  words: string[];
}

/**
 * The open vote as the room sees it: how many chose each option so far, never who.
 * @server RegioLab.Sim.Scenarios.Views.RoomBallot
 */
export interface RoomBallot {
  id: number;
  subject: BallotSubject;
  subjectId: string;
  options: string[];
  /** option → votes so far. */
  tally: Record<string, number>;
  votesCast: number;
  voters: number;
}

// ---- Hub names: the only place the method names are spelled ------------------------------------

export const PlayerHub = {
  path: "/hubs/player",
  resume: "Resume",
  send: "Send",
  update: "Update",
  /** The facilitator moved me to another table (its number): resume again. */
  moved: "Moved",
} as const;

export const FacilitatorHub = {
  path: "/hubs/facilitator",
  open: "Open",
  send: "Send",
  movePlayer: "MovePlayer",
  workshop: "Workshop",
  table: "Table",
  /** Pushed when the facilitator key was replaced: the console is closed until it opens with the new key. */
  keyRotated: "KeyRotated",
} as const;

export const ProjectorHub = {
  path: "/hubs/projector",
  watch: "Watch",
  table: "Table",
  /** No arguments: the facilitator chose something else for the room; ask GET /api/projector/{code}/show now. */
  showChanged: "ShowChanged",
} as const;

/** Limits the server enforces (docs/protocol.md); the inputs enforce them too. */
export const Limits = {
  name: 40,
  note: 500,
  word: 30,
  title: 80,
  maxTables: 20,
} as const;

// ---- Debrief (REST, the facilitator's) -----------------------------------------------------------

/** @server RegioLab.Sim.Scenarios.Views.RoomView */
export interface RoomView {
  version: number;
  flow: FlowState;
  phaseId: string | null;
  deadline: string | null;
  pausedSeconds: number | null;
  metrics: MetricView[];
  seats: SeatSummary[];
}

/**
 * Everything at a table, as the facilitator sees it.
 * @server RegioLab.Sim.Scenarios.Views.FacilitatorView
 */
export interface FacilitatorView {
  room: RoomView;
  /** "role.resource" → value, for every role. */
  resources: Record<string, number>;
  proposals: Proposal[];
  ballot: Ballot | null;
  openDilemma: string | null;
  swapRequests: RoleSwapRequest[];
  reflections: Reflection[];
  plan: string[][];
  communityScore: number;
  contribution: Record<string, number>;
  /** The facilitator's and observers' pinned notes: never in a player's or the room's view. */
  pinnedNotes: PinnedNote[];
  waiting: number[];
  injects: PlannedInject[];
  messages: TableMessage[];
  /** Every handover note a role's holder left for the next. */
  notes: HandoverNote[];
}

/**
 * A note the facilitator or an observer pinned at a version (the note's own event), for the facilitator's eyes only.
 * @server RegioLab.Sim.Scenarios.Rules.PinnedNote
 */
export interface PinnedNote {
  version: number;
  author: "facilitator" | "observer";
  round: number;
  stage: Stage;
  phase: string | null;
  text: string;
}

/**
 * One event of the timeline: where the game was, who acted (with the role held then), what moved.
 * @server RegioLab.Sim.Scenarios.Replay.Moment
 */
export interface Moment {
  version: number;
  at: string;
  /** The event's type as the log names it: action_taken, vote_cast, … */
  kind: string;
  round: number;
  stage: Stage;
  phase: string | null;
  seat: number | null;
  role: string | null;
  metrics: Change[];
  resources: Change[];
}

/**
 * The shared metrics at the start (round 0) and at the end of every phase.
 * @server RegioLab.Sim.Scenarios.Replay.MetricPoint
 */
export interface MetricPoint {
  version: number;
  round: number;
  phase: string | null;
  endOfRound: boolean;
  values: Record<string, number>;
}

/** @server RegioLab.Sim.Scenarios.Replay.SeatRound */
export interface SeatRound {
  round: number;
  role: string | null;
  points: number;
  goals: string[];
}

/** @server RegioLab.Sim.Scenarios.Replay.SeatHistory */
export interface SeatHistory {
  seat: number;
  name: string;
  left: boolean;
  rounds: SeatRound[];
  points: number;
  achievements: string[];
}

/** @server RegioLab.Sim.Scenarios.Replay.ProposalAnswerRecord */
export interface ProposalAnswerRecord {
  version: number;
  seat: number | null;
  role: string | null;
  answer: ProposalAnswer;
  note: string;
  changes: Change[];
}

/** @server RegioLab.Sim.Scenarios.Replay.ProposalRecord */
export interface ProposalRecord {
  id: number;
  version: number;
  round: number;
  seat: number;
  role: string;
  to: string;
  action: string;
  note: string;
  answers: ProposalAnswerRecord[];
  /** The last answer; null while open. */
  outcome: ProposalAnswer | null;
}

/** @server RegioLab.Sim.Scenarios.Replay.BallotRecord */
export interface BallotRecord {
  id: number;
  version: number;
  round: number;
  subject: BallotSubject;
  subjectId: string;
  calledBy: number | null;
  calledByRole: string | null;
  /** Seat number (as a string key) → option. */
  votes: Record<string, string>;
  tally: Record<string, number> | null;
  outcome: string | null;
  closedAt: number | null;
}

/** @server RegioLab.Sim.Scenarios.Replay.DilemmaRecord */
export interface DilemmaRecord {
  dilemma: string;
  version: number;
  round: number;
  injected: boolean;
  option: string | null;
  seat: number | null;
  role: string | null;
  /** "seat", "vote" or "default". */
  decidedBy: string | null;
  resolvedAt: number | null;
  changes: Change[];
}

/**
 * A handover note (or a reflection's sentence) with the role and round it is about.
 * @server RegioLab.Sim.Scenarios.Replay.Note
 */
export interface DebriefNote {
  version: number;
  seat: number;
  role: string;
  round: number;
  text: string;
}

/** @server RegioLab.Sim.Scenarios.Replay.ReflectionRecord */
export interface ReflectionRecord {
  version: number;
  seat: number;
  role: string;
  round: number;
  word: string;
  text: string;
}

/** @server RegioLab.Sim.Scenarios.Rules.MetricTerm */
export interface MetricTerm {
  metric: string;
  start: number;
  end: number;
  min: number;
  max: number;
  good: Direction;
  weight: number;
  /** Movement from the start in the good direction as a share of the range (−1..1). */
  moved: number;
  points: number;
}

/** @server RegioLab.Sim.Scenarios.Rules.SharedGoalTerm */
export interface SharedGoalTerm {
  goal: string;
  label: Text;
  points: number;
  met: boolean;
}

/** @server RegioLab.Sim.Scenarios.Rules.ScoreExplained */
export interface ScoreExplained {
  metrics: MetricTerm[];
  sharedGoals: SharedGoalTerm[];
  total: number;
}

/** @server RegioLab.Sim.Web.Api.DebriefPrompts */
export interface DebriefPrompts {
  whatHappened: Text[];
  soWhat: Text[];
  nowWhat: Text[];
}

/**
 * One table's replay as of its latest version.
 * @server RegioLab.Sim.Web.Api.TableDebrief
 */
export interface TableDebrief {
  sessionId: string;
  table: number;
  version: number;
  flow: FlowState;
  timeline: Moment[];
  series: MetricPoint[];
  seats: SeatHistory[];
  proposals: ProposalRecord[];
  ballots: BallotRecord[];
  dilemmas: DilemmaRecord[];
  handoverNotes: DebriefNote[];
  reflections: ReflectionRecord[];
  score: ScoreExplained;
  /** Role → share (0–1) of all shared-metric movement. */
  contribution: Record<string, number>;
  pinnedNotes: PinnedNoteRecord[];
}

/** @server RegioLab.Sim.Scenarios.Replay.PinnedNoteRecord */
export interface PinnedNoteRecord {
  version: number;
  at: string;
  author: "facilitator" | "observer";
  round: number;
  stage: Stage;
  phase: string | null;
  text: string;
}

/**
 * GET /api/workshops/{id}/debrief.
 * @server RegioLab.Sim.Web.Api.WorkshopDebrief
 */
export interface WorkshopDebrief {
  workshopId: string;
  title: string;
  language: string;
  scenarioRef: ScenarioRef;
  scenario: ScenarioInfo;
  prompts: DebriefPrompts;
  /** "role.resource" → label, for every role. */
  resourceLabels: Record<string, Text>;
  tables: TableDebrief[];
  /** What the projector shows now (null: the live tables), so the debrief page's controls start from it. */
  projector: ProjectorShow | null;
}

/**
 * One seat at a moment: exactly what its phone had.
 * @server RegioLab.Sim.Web.Api.SeatMoment
 */
export interface SeatMoment {
  seat: number;
  name: string;
  role: string | null;
  view: SeatView;
  brief: RoleBrief | null;
  story: Headline[];
}

/**
 * GET /api/workshops/{id}/debrief/tables/{t}/at/{v}.
 * @server RegioLab.Sim.Web.Api.DebriefMoment
 */
export interface DebriefMoment {
  table: number;
  version: number;
  flow: FlowState;
  facilitator: FacilitatorView;
  seats: SeatMoment[];
  story: Headline[];
}

/**
 * What a player's phone showed at the end of a round: their view, their role's brief then, and the round's story as they read it.
 * @server RegioLab.Sim.Web.Api.PlayerMoment
 */
export interface PlayerMoment {
  round: number;
  version: number;
  view: SeatView;
  brief: RoleBrief | null;
  story: Headline[];
}

/**
 * A player's own debrief (GET /api/debrief/me with the seat token): their rounds, notes and reflections, and each round's end as their phone showed it.
 * @server RegioLab.Sim.Web.Api.PlayerDebrief
 */
export interface PlayerDebrief {
  workshopId: string;
  title: string;
  table: number;
  seat: number;
  name: string;
  scenario: ScenarioInfo;
  rounds: SeatRound[];
  points: number;
  achievements: string[];
  handoverNotes: DebriefNote[];
  reflections: ReflectionRecord[];
  moments: PlayerMoment[];
  communityScore: number | null;
}

// ---- Observers, pinned notes, the projector in debrief mode (docs/protocol.md) -------------------

/**
 * POST /api/workshops/{id}/observer-key: the new observer key (shown once) and the link that opens the observer's view.
 * @server RegioLab.Sim.Web.Api.ObserverLink
 */
export interface ObserverLink {
  key: string;
  url: string;
}

/** POST /api/workshops/{id}/tables/{t}/notes. @server RegioLab.Sim.Web.Api.NoteRequest */
export interface NoteRequest {
  text: string | null;
  commandId: string | null;
}

/** What the projector shows in debrief mode. @server RegioLab.Sim.Web.Api.ShowRequest */
export interface ShowRequest {
  kind: ProjectorShowKind | "none" | null;
  table: number | null;
  metric: string | null;
  prompt: number | null;
  version: number | null;
}

/** @unchecked a string on the server (ObserverEndpoints.ShowKinds) */
export type ProjectorShowKind = "curve" | "reflections" | "prompt" | "tables" | "timeline" | "roles";

/** What the facilitator chose for the projector. @server RegioLab.Sim.Contracts.ProjectorShow */
export interface ProjectorShow {
  kind: ProjectorShowKind;
  table: number | null;
  metric: string | null;
  prompt: number | null;
  version: number | null;
  chosenAt: string;
}

/** @server RegioLab.Sim.Web.Api.ProjectorPrompt */
export interface ProjectorPrompt {
  stage: "whatHappened" | "soWhat" | "nowWhat";
  text: Text;
  index: number;
  count: number;
}

/** @server RegioLab.Sim.Web.Api.CurvePoint */
export interface CurvePoint {
  round: number;
  value: number;
}

/** @server RegioLab.Sim.Web.Api.ProjectorCurve */
export interface ProjectorCurve {
  table: number;
  metric: string;
  points: CurvePoint[];
}

/** @server RegioLab.Sim.Web.Api.WordCount */
export interface WordCount {
  word: string;
  count: number;
}

/** @server RegioLab.Sim.Web.Api.ProjectorScore */
export interface ProjectorScore {
  table: number;
  communityScore: number;
  contribution: Record<string, number>;
}

/** @server RegioLab.Sim.Web.Api.ProjectorMoment */
export interface ProjectorMoment {
  table: number;
  version: number;
  last: number;
  room: RoomView;
  story: Headline[];
}

/** @server RegioLab.Sim.Web.Api.ProjectorResource */
export interface ProjectorResource {
  label: Text;
  value: number;
}

/** @server RegioLab.Sim.Web.Api.ProjectorGoal */
export interface ProjectorGoal {
  label: Text;
  points: number;
  met: boolean;
}

/** What one seat's phone showed, cut to a projector. @server RegioLab.Sim.Web.Api.ProjectorSeat */
export interface ProjectorSeat {
  seat: number;
  name: string;
  role: string | null;
  resources: ProjectorResource[];
  goals: ProjectorGoal[];
  actionsAvailable: number;
  actions: number;
}

/** Every role side by side at a version; only once every table has finished playing. @server RegioLab.Sim.Web.Api.ProjectorRoles */
export interface ProjectorRoles {
  table: number;
  version: number;
  last: number;
  room: RoomView;
  seats: ProjectorSeat[];
}

/** GET /api/projector/{code}/show: public only (what each role saw only once no table plays). @server RegioLab.Sim.Web.Api.ProjectorScreen */
export interface ProjectorScreen {
  show: ProjectorShow | null;
  prompt: ProjectorPrompt | null;
  curves: ProjectorCurve[];
  words: WordCount[];
  scores: ProjectorScore[];
  moment: ProjectorMoment | null;
  roles: ProjectorRoles | null;
}

// ---- Studio (the scenario library's writing side) -----------------------------------------------

/**
 * One diagnostic of a scenario file; `fix` is the text to write in place of the value at line:column.
 * @server RegioLab.Sim.Web.Api.DiagnosticView
 */
export interface DiagnosticView {
  code: string;
  severity: "error" | "warning";
  line: number;
  column: number;
  message: string;
  fix: string | null;
}

/**
 * A stored version (POST /api/scenarios, …/fork): its id and version, its warnings, and for a fork the new file's text.
 * @server RegioLab.Sim.Web.Api.StoredScenario
 */
export interface StoredScenario {
  id: string;
  version: number;
  diagnostics: DiagnosticView[];
  source: string | null;
}

/**
 * 422 of an upload: the refusal `invalid_scenario` with the file's diagnostics.
 * @server RegioLab.Sim.Web.Api.InvalidScenario
 */
export interface InvalidScenario {
  code: string;
  message: string;
  reason: Text;
  diagnostics: DiagnosticView[];
}

/** @server RegioLab.Sim.Web.Api.PhaseActions */
export interface PhaseActions {
  phase: string;
  actions: string[];
}

/**
 * A file as its players will see it, in the messages the play page receives.
 * @server RegioLab.Sim.Web.Api.ScenarioPreview
 */
export interface ScenarioPreview {
  scenario: ScenarioInfo;
  briefs: RoleBrief[];
  /** Each role's card with its starting resources. */
  roles: RoleCard[];
  /** The metrics at their start. */
  metrics: MetricView[];
  /** Every dilemma card as the role that decides it sees it. */
  dilemmas: DilemmaView[];
  phases: PhaseActions[];
}

/**
 * POST /api/scenarios/preview: the validator's report and, when the file loads, its preview.
 * @server RegioLab.Sim.Web.Api.PreviewReport
 */
export interface PreviewReport {
  valid: boolean;
  errors: number;
  warnings: number;
  diagnostics: DiagnosticView[];
  preview: ScenarioPreview | null;
}

// ---- the balance report (POST/GET/DELETE /api/scenarios/balance) -----------------------------

/** @server RegioLab.Sim.Scenarios.Balance.ContentKind */
export type ContentKind = "action" | "proposal" | "vote" | "option" | "dilemma";

/**
 * POST /api/scenarios/balance: the editor's YAML (or a library version), games per bot kind and player count, the player count ("all" or absent: all) and the seed.
 * @server RegioLab.Sim.Web.Api.BalanceRequest
 */
export interface BalanceRequest {
  source: string | null;
  scenario: BalanceScenarioRef | null;
  games: number | null;
  players: number | "all" | null;
  seed: number | null;
}

/** @server RegioLab.Sim.Web.Api.BalanceScenarioRef */
export interface BalanceScenarioRef {
  id: string;
  version: number;
}

/** @server RegioLab.Sim.Web.Api.BalanceStarted */
export interface BalanceStarted {
  jobId: string;
}

/** @unchecked a plain string on the server (BalanceStatus.State) */
export type BalanceState = "running" | "done" | "cancelled" | "failed";

/**
 * GET /api/scenarios/balance/{jobId}: how far the report is, and in the end the report or why not.
 * @server RegioLab.Sim.Web.Api.BalanceStatus
 */
export interface BalanceStatus {
  state: BalanceState;
  progress: number;
  report: BalanceReport | null;
  error: Text | null;
}

/** @server RegioLab.Sim.Scenarios.Balance.BalanceReport */
export interface BalanceReport {
  scenario: string;
  version: number;
  seed: number;
  games: number;
  warnings: BalanceWarning[];
  tables: PlayerCountFigures[];
  content: ContentUse[];
}

/** @server RegioLab.Sim.Scenarios.Balance.BalanceWarning */
export interface BalanceWarning {
  code: string;
  message: Text;
  subject: string;
  players: number | null;
  bot: string | null;
}

/** @server RegioLab.Sim.Scenarios.Balance.PlayerCountFigures */
export interface PlayerCountFigures {
  players: number;
  cooperationPremium: number;
  bots: BotFigures[];
}

/** @server RegioLab.Sim.Scenarios.Balance.BotFigures */
export interface BotFigures {
  bot: string;
  games: number;
  score: Distribution;
  length: Distribution;
  roles: RoleFigures[];
  rotationCoverage: number;
  fewestRolesHeld: number;
  proposals: ProposalFigures;
  ballots: BallotFigures;
  metrics: MetricFigures[];
  sharedGoals: SharedGoalFigures[];
}

/** @server RegioLab.Sim.Scenarios.Balance.Distribution */
export interface Distribution {
  mean: number;
  spread: number;
  median: number;
  min: number;
  max: number;
  histogram: HistogramBin[];
}

/** @server RegioLab.Sim.Scenarios.Balance.HistogramBin */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** @server RegioLab.Sim.Scenarios.Balance.RoleFigures */
export interface RoleFigures {
  role: string;
  roundsHeld: number;
  contributionShare: number;
  pointsPerRoundHeld: number;
  onTop: number;
}

/** @server RegioLab.Sim.Scenarios.Balance.ProposalFigures */
export interface ProposalFigures {
  accepted: number;
  countered: number;
  rejected: number;
  expired: number;
}

/** @server RegioLab.Sim.Scenarios.Balance.BallotFigures */
export interface BallotFigures {
  called: number;
  carried: number;
}

/** @server RegioLab.Sim.Scenarios.Balance.MetricFigures */
export interface MetricFigures {
  metric: string;
  finalMean: number;
  finalSpread: number;
  pinnedAtMin: number;
  pinnedAtMax: number;
  curve: RoundBand[];
}

/** @server RegioLab.Sim.Scenarios.Balance.RoundBand */
export interface RoundBand {
  round: number;
  median: number;
  low: number;
  high: number;
}

/** @server RegioLab.Sim.Scenarios.Balance.SharedGoalFigures */
export interface SharedGoalFigures {
  goal: string;
  metByRound: number[];
}

/** @server RegioLab.Sim.Scenarios.Balance.ContentUse */
export interface ContentUse {
  kind: ContentKind;
  id: string;
  label: Text;
  random: number;
  greedy: number;
  cooperative: number;
}
