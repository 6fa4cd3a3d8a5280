import { useEffect, useRef, useState } from "preact/hooks";
import { request } from "../../api";
import { useFitStep } from "../../fit";
import { formatNumber, pick, type Strings, useLanguage } from "../../i18n";
import type { Language, ProjectorRoles, ProjectorScreen, RoomView, ScenarioInfo } from "../../protocol";
import { metricInfo, roleName } from "../../scenario";
import { emptyMemory, tell } from "../../story";
import { OverlaidCurve } from "../debrief/CompareCurves";
import { RoundStory } from "../RoundStory";

/** How often the projector asks what the facilitator chose (ms): the choice lives in the workshop's grain, so any web host answers. */
const askEvery = 2000;

/** How often while it follows the facilitator's scrubber (the timeline as it plays, what each role saw), so the room sees each step. */
const askEveryFollowing = 500;

/** The projector's size: the charts fill the screen (body text is ≥ 28 px at 1920×1080). */
function useScreenSize() {
  const [size, setSize] = useState({ width: window.innerWidth, height: window.innerHeight });
  useEffect(() => {
    const measure = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);
  return size;
}

/**
 * The projector in debrief mode: while the facilitator has chosen something for the room (the current
 * prompt, a curve, the tables compared, the word wall, the timeline, what each role saw), it covers the projector page, large;
 * with nothing chosen it renders nothing and the live tables show as before. It asks what was chosen now and then,
 * and at once when its hub says the choice changed (`changed` counts those nudges).
 */
export function DebriefScreen({ code, scenario, changed = 0 }: { code: string; scenario: ScenarioInfo; changed?: number }) {
  const [screen, setScreen] = useState<ProjectorScreen | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `changed` only restarts the asking, at once
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      // No key: it answers by the join code, with public things only. A failed ask (no connection
      // either) keeps what is shown, and asks again later.
      const answer = await request<ProjectorScreen>("GET", `/api/projector/${encodeURIComponent(code)}/show`);
      if (current && answer.ok && answer.value) setScreen(answer.value);
      const following = answer.ok && (answer.value?.show?.kind === "timeline" || answer.value?.show?.kind === "roles");
      if (current) timer = setTimeout(() => void ask(), following ? askEveryFollowing : askEvery);
    };
    void ask();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [code, changed]);
  if (!screen?.show) return null;
  return (
    <section class="debrief-screen" aria-live="polite" aria-label={screen.show.kind}>
      <ScreenContent screen={screen} scenario={scenario} />
    </section>
  );
}

function ScreenContent({ screen, scenario }: { screen: ProjectorScreen; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const size = useScreenSize();
  const show = screen.show;
  const chart = { width: Math.floor(size.width * 0.86), height: Math.floor(size.height * 0.55), fontPx: Math.max(20, Math.round(size.height / 38)) };
  switch (show?.kind) {
    case "prompt":
      return screen.prompt ? (
        <div class="debrief-screen__prompt">
          <p class="debrief-screen__eyebrow">
            {t.debrief.promptStage[screen.prompt.stage]} · {t.debrief.promptOf(screen.prompt.index + 1, screen.prompt.count)}
          </p>
          <p class="debrief-screen__question">{pick(screen.prompt.text, lang)}</p>
        </div>
      ) : (
        <p class="debrief-screen__eyebrow">{t.debrief.noPrompts}</p>
      );
    case "curve":
    case "tables": {
      const info = metricInfo(scenario, show.metric ?? scenario.metrics[0]?.id ?? "");
      return (
        <div class="debrief-screen__chart">
          <p class="debrief-screen__eyebrow">{show.kind === "curve" ? t.table(show.table ?? 1) : t.observe.show.tables}</p>
          <OverlaidCurve
            info={info}
            lines={screen.curves.map((c) => ({ table: c.table, points: c.points }))}
            width={chart.width}
            height={show.kind === "tables" ? Math.floor(chart.height * 0.75) : chart.height}
            fontPx={chart.fontPx}
          />
          {show.kind === "tables" && (
            <ul class="debrief-screen__scores">
              {screen.scores.map((s) => (
                <li key={s.table}>
                  <strong>
                    {t.table(s.table)} · {t.debrief.score} {formatNumber(s.communityScore, lang)}
                  </strong>{" "}
                  <span>
                    {Object.entries(s.contribution)
                      .map(([role, share]) => `${roleName(scenario, role, lang)} ${formatNumber(Math.round(share * 100), lang)}%`)
                      .join(" · ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      );
    }
    case "reflections": {
      const most = Math.max(1, ...screen.words.map((w) => w.count));
      return (
        <div class="debrief-screen__words">
          <p class="debrief-screen__eyebrow">
            {t.debrief.reflections}
            {show.table ? ` · ${t.table(show.table)}` : ""}
          </p>
          {screen.words.length === 0 ? (
            <p>{t.observe.noWords}</p>
          ) : (
            <ul class="debrief-screen__wall">
              {screen.words.map((w) => (
                <li key={w.word} style={{ fontSize: `${Math.round(36 + (w.count / most) * 60)}px` }}>
                  {w.word}
                  <span class="visually-hidden"> ({t.debrief.times(w.count)})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      );
    }
    case "timeline": {
      const moment = screen.moment;
      if (!moment) return null;
      const lines = moment.room.flow.round < 1 ? [] : tell({ scenario, seats: moment.room.seats, memory: emptyMemory(), lang, t }, moment.story);
      return (
        <div class="debrief-screen__timeline">
          <p class="debrief-screen__eyebrow">
            {t.table(moment.table)} · {whereIn(moment.room, scenario, lang, t)} · {t.observe.momentOf(moment.version, moment.last)}
          </p>
          <div class="debrief-screen__columns">
            <table class="debrief-screen__metrics">
              <caption class="visually-hidden">{t.debrief.curves}</caption>
              <tbody>
                {moment.room.metrics.map((m) => {
                  const info = metricInfo(scenario, m.id);
                  return (
                    <tr key={m.id}>
                      <th scope="row">{pick(info.label, lang)}</th>
                      <td>
                        {formatNumber(Math.round(m.value * 10) / 10, lang)} {pick(info.unit, lang)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <RoundStory lines={lines.filter((l) => !l.minor)} newestFirst limit={6} />
          </div>
        </div>
      );
    }
    case "roles":
      return screen.roles ? <RolesScreen roles={screen.roles} scenario={scenario} /> : <p class="debrief-screen__eyebrow">{t.observe.rolesAfterPlay}</p>;
    default:
      return null;
  }
}

/** Where a table was at a moment, for the top line: the round and its phase while playing, else the stage. */
function whereIn(room: RoomView, scenario: ScenarioInfo, lang: Language, t: Strings): string {
  const flow = room.flow;
  if (flow.stage !== "playing") return t.stage[flow.stage];
  const phase = room.phaseId ? scenario.phases.find((p) => p.id === room.phaseId) : undefined;
  return `${t.roundOf(flow.round, scenario.rounds)}${phase ? ` · ${pick(phase.label, lang)}` : ""}`;
}

/**
 * What each role saw at the chosen moment, side by side, as large as the projector allows: who held which
 * role, its resources, its goals (met or not) and how many of its actions were possible. When it does not
 * fit, the goals become a count, then the resources go, then the actions, then the count — never smaller text.
 */
function RolesScreen({ roles, scenario }: { roles: ProjectorRoles; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const list = useRef<HTMLUListElement>(null);
  const overflowing = () => {
    const screen = list.current?.closest(".debrief-screen");
    return screen ? screen.scrollHeight > screen.clientHeight + 1 : false;
  };
  const step = useFitStep(`${roles.table}@${roles.version}`, `${roles.seats.length}`, 4, overflowing);
  // Up to four side by side; five or more in two rows.
  const columns = roles.seats.length <= 4 ? roles.seats.length : Math.ceil(roles.seats.length / 2);
  return (
    <div class="debrief-screen__roles" data-fit={step}>
      <p class="debrief-screen__eyebrow">
        {t.table(roles.table)} · {whereIn(roles.room, scenario, lang, t)} · {t.observe.momentOf(roles.version, roles.last)}
      </p>
      <ul ref={list} class="debrief-screen__seats" style={{ gridTemplateColumns: `repeat(${Math.max(1, columns)}, minmax(0, 1fr))` }}>
        {roles.seats.map((s) => {
          const met = s.goals.filter((g) => g.met).length;
          return (
            <li key={s.seat} class="debrief-screen__seat">
              <p class="debrief-screen__who">{s.name}</p>
              <p class="debrief-screen__role">{s.role ? roleName(scenario, s.role, lang) : t.debrief.noRole}</p>
              {step < 2 && s.resources.length > 0 && (
                <ul class="debrief-screen__resources">
                  {s.resources.map((r) => (
                    <li key={pick(r.label, "en")}>
                      <strong>{formatNumber(Math.round(r.value * 10) / 10, lang)}</strong> {pick(r.label, lang)}
                    </li>
                  ))}
                </ul>
              )}
              {step === 0 && s.goals.length > 0 ? (
                <ul class="debrief-screen__goals">
                  {s.goals.map((g) => (
                    <li key={pick(g.label, "en")} class={g.met ? "debrief-screen__goal--met" : undefined}>
                      <span aria-hidden="true">{g.met ? "✓" : "○"}</span> <span class="visually-hidden">{g.met ? t.observe.goalMet : t.observe.goalOpen}</span>
                      {pick(g.label, lang)}
                    </li>
                  ))}
                </ul>
              ) : (
                step < 4 && s.goals.length > 0 && <p>{t.observe.goalsMet(met, s.goals.length)}</p>
              )}
              {step < 3 && s.role && <p class="debrief-screen__actions">{t.observe.actionsPossible(s.actionsAvailable, s.actions)}</p>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
