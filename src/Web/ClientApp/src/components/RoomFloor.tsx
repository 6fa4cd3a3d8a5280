import { useLanguage } from "../i18n";
import type { RoomBallot } from "../protocol";
import { cloud, voteBars } from "../room";

/**
 * An open vote on the projector: a bar per option that grows as votes come in, with its count in
 * figures (never who voted). Without a vote (a role decides) the options are listed plainly.
 */
export function RoomVote({ ballot, options, lead }: { ballot: RoomBallot | null; options: { id: string; label: string }[]; lead: string | null }) {
  const { t } = useLanguage();
  if (!ballot) {
    return (
      <>
        {lead && <p class="room-vote__cast">{lead}</p>}
        <ul class="room-options">
          {options.map((o) => (
            <li key={o.id}>{o.label}</li>
          ))}
        </ul>
      </>
    );
  }
  const label = (id: string) => options.find((o) => o.id === id)?.label ?? id;
  return (
    <>
      <p class="room-vote__cast">
        {lead && <>{lead} · </>}
        <span class="room-vote__tally">{t.room.votes(ballot.votesCast, ballot.voters)}</span>
      </p>
      <ul class="room-vote">
        {voteBars(ballot).map((bar) => (
          <li key={bar.option} class="room-vote__row">
            <span class="room-vote__label">{label(bar.option)}</span>
            <span class="room-vote__track" aria-hidden="true">
              <span class="room-vote__fill" style={{ width: `${Math.round(bar.share * 100)}%` }} />
            </span>
            <span class="room-vote__count">{t.room.voteCount(bar.count)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The one-word reflections of a role swap as a cloud: the more often a word came, the larger. */
export function WordCloud({ words, id }: { words: string[]; id: string }) {
  const { t } = useLanguage();
  const sized = cloud(words);
  return (
    <section class="room-cloud" aria-labelledby={id}>
      <h3 id={id} class="room-cloud__title">
        {t.room.cloud}
        {sized.length > 0 && <span class="muted"> · {t.room.cloudCount(words.length)}</span>}
      </h3>
      {sized.length > 0 ? (
        <ul class="room-cloud__words">
          {sized.map((w) => (
            <li key={w.word} class={`room-cloud__word room-cloud__word--${w.size}`}>
              {w.word}
              {w.count > 1 && <span class="visually-hidden"> ({w.count}×)</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t.room.cloudWaiting}</p>
      )}
    </section>
  );
}
