import { useState } from "preact/hooks";
import type { ConsoleControls } from "../../console";
import { useLanguage } from "../../i18n";
import type { FacilitatorCommand, FacilitatorTable, ScenarioInfo } from "../../protocol";
import { ControlFeedback } from "../Chrome";
import { DilemmaPicker } from "./Pickers";

interface Target {
  /** A table's number, or null for all tables. */
  table: number | null;
  /** The prefix of this target's control keys: "t2", or "all". */
  prefix: string;
  controls: ConsoleControls;
}

/** One command button; it waits while its own command is on its way. */
function CommandButton({
  target,
  name,
  label,
  command,
  enabled,
  primary = false,
}: {
  target: Target;
  name: string;
  label: string;
  command: FacilitatorCommand;
  enabled: boolean;
  primary?: boolean;
}) {
  const key = `${target.prefix}:${name}`;
  const { controls } = target;
  return (
    <button
      type="button"
      class={`button button--small${primary ? " button--primary" : ""}`}
      disabled={!enabled || controls.offline || controls.pending === key}
      onClick={() => controls.run(key, target.table, command)}
    >
      {label}
    </button>
  );
}

/** Ends the game at a table (or all), after the facilitator confirms. */
function EndButton({ target, enabled }: { target: Target; enabled: boolean }) {
  const { t } = useLanguage();
  const key = `${target.prefix}:end`;
  const { controls } = target;
  const which = target.table === null ? t.facilitator.allTablesName : t.table(target.table);
  return (
    <button
      type="button"
      class="button button--small button--danger"
      disabled={!enabled || controls.offline || controls.pending === key}
      onClick={() => {
        if (window.confirm(t.facilitator.endConfirm(which))) controls.run(key, target.table, { type: "end" });
      }}
    >
      {t.facilitator.end}
    </button>
  );
}

/** Puts a dilemma of the scenario on the table now. */
function DilemmaInjection({ target, scenario, enabled }: { target: Target; scenario: ScenarioInfo; enabled: boolean }) {
  const { t } = useLanguage();
  const [dilemma, setDilemma] = useState(scenario.dilemmas[0]?.id ?? "");
  const id = `dilemma-${target.prefix}`;
  return (
    <div class="inline-form">
      <DilemmaPicker id={id} scenario={scenario} value={dilemma} onChange={setDilemma} />
      <CommandButton target={target} name="inject" label={t.facilitator.inject} command={{ type: "inject_dilemma", dilemma }} enabled={enabled && !!dilemma} />
    </div>
  );
}

/** The controls of the flow, by the names their keys end in. */
const flowNames = ["start", "advance", "pause", "resume", "plus", "minus", "end", "inject"];

/**
 * Start, advance, pause or resume, a minute more or less, inject a dilemma, end: for one table
 * (`table` is its number and `shown` its last push) or for all (`table` and `shown` null).
 */
export function FlowControls({ table, shown, scenario, controls }: { table: number | null; shown: FacilitatorTable | null; scenario: ScenarioInfo; controls: ConsoleControls }) {
  const { t } = useLanguage();
  const target: Target = { table, prefix: table === null ? "all" : `t${table}`, controls };
  const flow = shown?.flow;
  const stage = flow?.stage;
  // For one table the console offers what fits its stage (the server still decides); for all
  // tables everything is offered and each table answers for itself.
  const running = stage !== "lobby" && stage !== "ended";
  const fits = {
    start: !flow || stage === "lobby",
    pause: !flow || (flow.canPause && !flow.paused),
    resume: !flow || flow.paused,
    advance: !flow || running,
    timer: !flow || (running && (!!shown?.deadline || (shown?.pausedSeconds ?? null) !== null)),
    inject: !flow || stage === "playing",
    end: !flow || running,
  };
  // Only the answers to these buttons: the table's other forms show theirs beside themselves.
  const feedbackKeys = flowNames.map((name) => `${target.prefix}:${name}`).filter((k) => controls.feedback[k]);
  return (
    <div class="flow-buttons">
      <div class="button-row">
        <CommandButton
          target={target}
          name="start"
          label={t.facilitator.start}
          command={{ type: "start", seed: Math.floor(Math.random() * 2147483647) }}
          enabled={fits.start}
          primary={stage === "lobby" || table === null}
        />
        <CommandButton
          target={target}
          name="advance"
          label={t.facilitator.advance}
          command={{ type: "advance" }}
          enabled={fits.advance}
          primary={stage === "briefing" || stage === "playing" || stage === "role_swap"}
        />
        {flow?.paused ? (
          <CommandButton target={target} name="resume" label={t.facilitator.resume} command={{ type: "resume" }} enabled={fits.resume} primary />
        ) : (
          <CommandButton target={target} name="pause" label={t.facilitator.pause} command={{ type: "pause" }} enabled={fits.pause} />
        )}
        {table === null && <CommandButton target={target} name="resume" label={t.facilitator.resume} command={{ type: "resume" }} enabled />}
        <CommandButton target={target} name="plus" label={t.facilitator.plusMinute} command={{ type: "extend_timer", seconds: 60 }} enabled={fits.timer} />
        <CommandButton target={target} name="minus" label={t.facilitator.minusMinute} command={{ type: "extend_timer", seconds: -60 }} enabled={fits.timer} />
        <EndButton target={target} enabled={fits.end} />
      </div>
      {scenario.dilemmas.length > 0 && <DilemmaInjection target={target} scenario={scenario} enabled={fits.inject} />}
      {feedbackKeys.map((k) => (
        <ControlFeedback key={k} feedback={controls.feedback[k]} />
      ))}
    </div>
  );
}
