import { useEffect, useState } from "preact/hooks";
import { apiProblem, getWithBearer } from "../api";
import { useLanguage } from "../i18n";
import type { PlayerDebrief, PlayerMoment, ScenarioInfo } from "../protocol";
import { roleName } from "../scenario";
import { emptyMemory, tell } from "../story";
import { Notice } from "./Chrome";
import { MyData } from "./MyData";
import { RoleCard } from "./RoleCard";
import { RoundStory } from "./RoundStory";

/**
 * A player's own look back, on the phone after the game: the roles I held and my points per round,
 * my handover notes and reflections, and for each round what my phone showed at its end — from the
 * server's one filter (GET /api/debrief/me), so never another role's brief, resources or goals.
 */
export function MyDebrief({ token, scenario }: { token: string; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const [mine, setMine] = useState<PlayerDebrief | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // Fetched once per token; the language only words it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let current = true;
    void getWithBearer<PlayerDebrief>("/api/debrief/me", token).then((result) => {
      if (!current) return;
      if (result.ok) setMine(result.value);
      else setProblem(apiProblem(result, t, lang));
    });
    return () => {
      current = false;
    };
  }, [token]);

  if (problem) return <Notice tone="error">{problem}</Notice>;
  if (!mine) return <p class="muted">{t.loading}</p>;
  const role = (id: string | null) => roleName(scenario, id, lang) || "—";
  return (
    <section aria-labelledby="my-debrief" class="my-debrief">
      <h2 id="my-debrief" class="section-title">
        {t.mine.heading}
      </h2>
      <table class="my-debrief__rounds">
        <caption class="visually-hidden">{t.mine.roundsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.mine.round}</th>
            <th scope="col">{t.mine.role}</th>
            <th scope="col">{t.mine.points}</th>
          </tr>
        </thead>
        <tbody>
          {mine.rounds.map((r) => (
            <tr key={r.round}>
              <th scope="row">{r.round}</th>
              <td>{role(r.role)}</td>
              <td>{r.points}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mine.reflections.length > 0 && (
        <>
          <h3 class="small-heading">{t.mine.reflections}</h3>
          <ul class="plain-list">
            {mine.reflections.map((r) => (
              <li key={r.version}>
                {t.roundOf(r.round, scenario.rounds)} · {role(r.role)}: <strong>{r.word}</strong>
                {r.text && <span> — “{r.text}”</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {mine.handoverNotes.length > 0 && (
        <>
          <h3 class="small-heading">{t.mine.notes}</h3>
          <ul class="plain-list">
            {mine.handoverNotes.map((n) => (
              <li key={n.version}>
                {t.roundOf(n.round, scenario.rounds)} · {role(n.role)}: “{n.text}”
              </li>
            ))}
          </ul>
        </>
      )}
      {mine.moments.map((m) => (
        <RoundEnd key={m.round} moment={m} scenario={scenario} />
      ))}
      <MyData token={token} />
    </section>
  );
}

/** One round's end as my phone showed it: my role card and the round's story, folded. */
function RoundEnd({ moment, scenario }: { moment: PlayerMoment; scenario: ScenarioInfo }) {
  const { lang, t } = useLanguage();
  const memory = emptyMemory();
  if (moment.brief) {
    for (const r of moment.brief.resources) memory.resources.set(`${moment.brief.id}.${r.id}`, r.label);
  }
  const lines = tell({ scenario, seats: moment.view.seats, memory, lang, t }, moment.story);
  return (
    <details class="my-debrief__round">
      <summary>{t.mine.atEnd(moment.round, roleName(scenario, moment.view.role?.id ?? null, lang) || "—")}</summary>
      {moment.view.role && <RoleCard role={moment.view.role} brief={moment.brief} scenario={scenario} open={false} titleId={`my-role-${moment.round}`} />}
      <RoundStory lines={lines} />
    </details>
  );
}
