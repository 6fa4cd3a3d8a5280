import { useState } from "preact/hooks";
import type { ConsoleControls } from "../../console";
import { pick, useLanguage } from "../../i18n";
import type { FacilitatorTable, ScenarioInfo } from "../../protocol";
import { roleName } from "../../scenario";
import { ControlFeedback } from "../Chrome";
import { seatName } from "./names";
import { SeatPicker } from "./Pickers";
import { assignmentEffects } from "./rows";

/**
 * Giving a seat a role for the next round (the plan itself is the table's role plan). An
 * assignment that moves another seat's role or undoes someone's request for a role asks first.
 */
export function RoleAssignment({ number, table, scenario, controls }: { number: number; table: FacilitatorTable; scenario: ScenarioInfo; controls: ConsoleControls }) {
  const { lang, t } = useLanguage();
  const [seat, setSeat] = useState(0);
  const [role, setRole] = useState(scenario.roles[0]?.id ?? "");
  const [warning, setWarning] = useState<string | null>(null);
  const key = `t${number}:assign`;
  const assign = () => {
    setWarning(null);
    void controls.run(key, number, { type: "assign_role", seat, role });
  };
  const seats = table.seats.filter((s) => !s.left);
  return (
    <div class="assign">
      <h3 class="small-heading">{t.facilitator.assignHeading}</h3>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const effects = assignmentEffects(table, seat, role);
          const lines = [
            effects.swapsWith ? t.console.swapWarning(seatName(table, effects.swapsWith.seat), roleName(scenario, effects.swapsWith.gets, lang) || "—") : null,
            effects.cancels.length > 0 ? t.console.cancelsWarning(effects.cancels.map((r) => seatName(table, r.seat)).join(", ")) : null,
          ].filter((x): x is string => x !== null);
          if (lines.length > 0) setWarning(lines.join(" "));
          else assign();
        }}
      >
        <SeatPicker
          id={`assign-seat-${number}`}
          label={t.facilitator.assignSeat}
          seats={seats}
          value={seat}
          onChange={(s) => {
            setSeat(s ?? 0);
            setWarning(null);
          }}
        />
        <span class="inline-form__pair">
          <label for={`assign-role-${number}`}>{t.facilitator.assignRole}</label>
          <select
            id={`assign-role-${number}`}
            value={role}
            onChange={(e) => {
              setRole(e.currentTarget.value);
              setWarning(null);
            }}
          >
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
      {warning && (
        <div class="confirm" role="alert">
          <p>{warning}</p>
          <div class="button-row">
            <button type="button" class="button button--small button--danger" onClick={assign}>
              {t.console.confirmAssign}
            </button>
            <button type="button" class="button button--small" onClick={() => setWarning(null)}>
              {t.console.keepAssign}
            </button>
          </div>
        </div>
      )}
      <ControlFeedback feedback={controls.feedback[key]} />
    </div>
  );
}
