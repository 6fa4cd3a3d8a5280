import { useState } from "preact/hooks";
import type { ConsoleControls } from "../../console";
import { pick, useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { roleName } from "../../scenario";
import { ControlFeedback } from "../Chrome";

/** Who holds which role next round (the rotation plan), and giving a seat a role instead. */
export function RoleAssignment({ number, table, scenario, controls }: { number: number; table: FacilitatorTable; scenario: ScenarioInfo; controls: ConsoleControls }) {
  const { lang, t } = useLanguage();
  const [seat, setSeat] = useState(0);
  const [role, setRole] = useState(scenario.roles[0]?.id ?? "");
  const { flow } = table;
  // The plan's first entry is round 1's: before the game plays, that is the next round.
  const nextPlan = table.plan[flow.stage === "lobby" || flow.stage === "briefing" ? 0 : flow.round];
  const key = `t${number}:assign`;
  return (
    <div class="assign">
      <h3 class="small-heading">{t.facilitator.assignHeading}</h3>
      {nextPlan && (
        <p class="muted">
          {t.facilitator.plan}: {table.seats.map((s) => `${s.name} → ${roleName(scenario, nextPlan[s.seat], lang) || "—"}`).join(", ")}
        </p>
      )}
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          controls.run(key, number, { type: "assign_role", seat, role });
        }}
      >
        <span class="inline-form__pair">
          <label for={`assign-seat-${number}`}>{t.facilitator.assignSeat}</label>
          <select id={`assign-seat-${number}`} value={seat} onChange={(e) => setSeat(Number(e.currentTarget.value))}>
            {table.seats.map((s) => (
              <option key={s.seat} value={s.seat}>
                {s.name}
              </option>
            ))}
          </select>
        </span>
        <span class="inline-form__pair">
          <label for={`assign-role-${number}`}>{t.facilitator.assignRole}</label>
          <select id={`assign-role-${number}`} value={role} onChange={(e) => setRole(e.currentTarget.value)}>
            {scenario.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {pick(r.name, lang)}
              </option>
            ))}
          </select>
        </span>
        <button type="submit" class="button button--small" disabled={controls.offline || controls.pending === key}>
          {t.facilitator.assign}
        </button>
      </form>
      <ControlFeedback feedback={controls.feedback[key]} />
    </div>
  );
}
