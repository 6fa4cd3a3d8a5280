import type { ComponentChildren } from "preact";
import { useLanguage } from "../i18n";

/** What a field's control is given: its id (the label's target) and the hint that describes it. */
export interface FieldControl {
  id: string;
  "aria-describedby"?: string;
}

interface FieldProps {
  id: string;
  label: ComponentChildren;
  /** Shown between the label and the control; screen readers read it with the control. */
  hint?: ComponentChildren;
  /** Shown under the control, e.g. what the chosen option means. */
  note?: ComponentChildren;
  /** Marks the label "(optional)". */
  optional?: boolean;
  /** The label is also the heading of its section: the id the section is labelled by. */
  headingId?: string;
  /** The control, given its id and description. */
  children: (control: FieldControl) => ComponentChildren;
}

/** One form field: label, hint, control and note, wired for screen readers. */
export function Field({ id, label, hint, note, optional = false, headingId, children }: FieldProps) {
  const { t } = useLanguage();
  const hintId = `${id}-hint`;
  const control: FieldControl = hint ? { id, "aria-describedby": hintId } : { id };
  return (
    <div class="field">
      <label for={id} id={headingId} class={headingId ? "label--heading" : undefined}>
        {label}
        {optional && (
          <>
            {" "}
            <span class="field__optional">({t.optional})</span>
          </>
        )}
      </label>
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {children(control)}
      {note && <p class="field__hint">{note}</p>}
    </div>
  );
}

/** Why a form was refused, announced at once. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="feedback feedback--refused" role="alert">
      {message}
    </p>
  );
}
