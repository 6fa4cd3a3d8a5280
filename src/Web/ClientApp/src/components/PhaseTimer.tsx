import { useEffect, useState } from "preact/hooks";
import { useLanguage } from "../i18n";

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${seconds.toString().padStart(2, "0")}`;
}

/** The countdown to the phase's deadline; "paused" while the facilitator holds the game, with the time the phase keeps. */
export function PhaseTimer({
  deadline,
  paused,
  pausedSeconds = null,
  size = "normal",
}: {
  deadline: string | null;
  paused: boolean;
  pausedSeconds?: number | null;
  size?: "normal" | "large";
}) {
  const { t } = useLanguage();
  const end = deadline ? Date.parse(deadline) : Number.NaN;
  const running = !paused && Number.isFinite(end);
  const now = useNow(running);
  if (paused) {
    return (
      <div class={`timer timer--paused timer--${size}`}>
        <span class="timer__pause" aria-hidden="true" />
        {t.paused}
        {pausedSeconds !== null && <span class="timer__clock"> · {clock(pausedSeconds * 1000)}</span>}
      </div>
    );
  }
  if (!running) return null;
  const left = end - now;
  const urgent = left <= 30000;
  // The clock itself is not announced every second; a screen reader hears the last minute and the last ten seconds.
  const warning = left <= 0 ? "" : left <= 10000 ? t.timerWarning.seconds : left <= 60000 ? t.timerWarning.minute : "";
  return (
    <div class={`timer timer--${size}${urgent ? " timer--urgent" : ""}`} role="timer" aria-live="off">
      <span class="timer__label">{left > 0 ? t.timeLeft : t.timeUp}</span>
      <span class="timer__clock">{clock(left)}</span>
      <span class="visually-hidden" aria-live="polite">
        {warning}
      </span>
    </div>
  );
}
