import type { HubConnection } from "@microsoft/signalr";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Feedback } from "./components/Chrome";
import { useFeedback } from "./feedback";
import { type Hub, retryIfUnavailable, useHub } from "./hub";
import { type Strings, useLanguage } from "./i18n";
import {
  type Ack,
  type FacilitatorCommand,
  FacilitatorHub,
  type FacilitatorSession,
  type FacilitatorTable,
  type Language,
  type MoveResult,
  type WorkshopInfo,
  type WorkshopPlayer,
} from "./protocol";
import { explain } from "./refusals";
import { facilitatorKey, newCommandId } from "./storage";
import { type TableFeed, useTableFeed } from "./tableFeed";

/** What the console's controls need: the commands, and the answer to show next to each control. */
export interface ConsoleControls {
  /**
   * Sends a command to one table (its number) or all (null); `key` names the control so its answer shows next to it,
   * `done` the confirmation to show when every table took it. Resolves true when every table took it.
   */
  run: (key: string, table: number | null, command: FacilitatorCommand, done?: (t: Strings) => string) => Promise<boolean>;
  /** Moves a player in the lobby to another table. */
  move: (player: WorkshopPlayer, table: number) => void;
  /** The control whose command is on its way. */
  pending: string | null;
  feedback: Record<string, Feedback>;
  /** No connection: nothing can be sent. */
  offline: boolean;
}

export interface Console {
  /** The facilitator key in use; null until one is entered (or after it was refused). */
  key: string | null;
  /** The last key entered did not open this workshop. */
  /** Why the key was refused, in the page's language (the server's reason), or null. */
  keyRefusal: string | null;
  enterKey: (key: string) => void;
  /** This console is replacing the key (true) or gave up (false): the server's KeyRotated push is then its own news, not a reason to close. */
  expectRotation: (expected: boolean) => void;
  /** This console replaced the key itself: keep it open, now with the new key. */
  replaceKey: (key: string) => void;
  hub: Hub;
  session: FacilitatorSession | null;
  workshop: WorkshopInfo | null;
  feed: TableFeed<FacilitatorTable>;
  /** The workshop's table numbers, in the order of its sessions (the order of an all-tables answer). */
  tableNumbers: number[];
  controls: ConsoleControls;
  /** The newest refusal, for the live region. */
  live: string;
}

const tableOf = (sessionId: string) => Number(sessionId.split("/").pop());

/** The facilitator hub for one workshop: opening it with the key, the pushed workshop and tables, and the console's commands with their answers. */
export function useConsole(workshopId: string): Console {
  const { lang, t } = useLanguage();
  const [key, setKey] = useState<string | null>(() => facilitatorKey.get(workshopId));
  const [keyRefused, setKeyRefused] = useState<FacilitatorSession | null>(null);
  const [session, setSession] = useState<FacilitatorSession | null>(null);
  const [workshop, setWorkshop] = useState<WorkshopInfo | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const { feedback, show, clear } = useFeedback();
  const [live, setLive] = useState("");
  // A table delta that does not fit: open again, for every table whole.
  const reopen = useRef(() => {});
  const feed = useTableFeed<FacilitatorTable>(() => reopen.current());
  const { receive } = feed;
  // The key was replaced elsewhere: the console closed and asks for the new one.
  const [rotated, setRotated] = useState(false);
  // This console replaced it: the server's KeyRotated push is its own news, not a reason to close.
  const replacingKey = useRef(false);
  const [rekeyed, setRekeyed] = useState(0);

  const closeRotated = useCallback(() => {
    facilitatorKey.clear(workshopId);
    setRotated(true);
    setKey(null);
  }, [workshopId]);

  const register = useCallback(
    (connection: HubConnection) => {
      connection.on(FacilitatorHub.workshop, (info: WorkshopInfo) => setWorkshop(info));
      connection.on(FacilitatorHub.table, receive);
      connection.on(FacilitatorHub.keyRotated, () => {
        if (replacingKey.current) replacingKey.current = false;
        else closeRotated();
      });
    },
    [receive, closeRotated],
  );

  const open = useCallback(
    async (connection: HubConnection) => {
      if (!key) return;
      const answer = await connection.invoke<FacilitatorSession>(FacilitatorHub.open, workshopId, key);
      retryIfUnavailable(answer);
      if (!answer.ok) {
        if (answer.code === "invalid_key") {
          facilitatorKey.clear(workshopId);
          setKeyRefused(answer);
          setKey(null);
        }
        return;
      }
      facilitatorKey.set(workshopId, key);
      setKeyRefused(null);
      setSession(answer);
      if (answer.workshop) setWorkshop(answer.workshop);
    },
    [key, workshopId],
  );

  const hub = useHub({ path: FacilitatorHub.path, register, open, enabled: Boolean(key) });
  reopen.current = hub.reopen;

  // Opens again with the new key once it is in `open`, on the same connection.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new key should reopen
  useEffect(() => {
    if (rekeyed > 0) hub.reopen();
  }, [rekeyed]);

  const tableNumbers = useMemo(() => (workshop ? workshop.sessions.map(tableOf).filter((n) => Number.isFinite(n)) : []), [workshop]);

  const refused = useCallback(
    (controlKey: string, say: (t: Strings, lang: Language) => string) => {
      const text = say(t, lang);
      show(controlKey, { kind: "refused", text, say });
      setLive(`${t.refused} ${text}`);
    },
    [show, t, lang],
  );

  const run = useCallback(
    (controlKey: string, table: number | null, command: FacilitatorCommand, done?: (t: Strings) => string) => {
      setPending(controlKey);
      clear(controlKey);
      return hub
        .invoke<Ack[]>(FacilitatorHub.send, table, newCommandId(), command)
        .then((acks) => {
          if (acks.some((ack) => ack.code === "key_rotated")) {
            closeRotated();
            return false;
          }
          // One Ack per table, in the order of the workshop's sessions (all tables) or the one table.
          const targets = table === null ? tableNumbers : [table];
          // A refusal of the hub itself (not open, too fast) is one Ack for the whole send, not table 1's.
          const whole = table === null && acks.length === 1 && targets.length > 1;
          const refusals = acks.map((ack, i) => ({ ack, table: targets[i] ?? i + 1 })).filter(({ ack }) => !ack.accepted);
          const reasons = (now: Strings, language: Language) =>
            refusals.map(({ ack, table: n }) => (whole ? explain(ack, language) : now.facilitator.refusedAt(n, explain(ack, language)))).join(" ");
          if (refusals.length > 0) refused(controlKey, reasons);
          else if (done) show(controlKey, { kind: "done", text: done(t), say: done }, true);
          return refusals.length === 0;
        })
        .catch(() => {
          show(controlKey, { kind: "failed", text: t.sendFailed, say: (now) => now.sendFailed });
          return false;
        })
        .finally(() => setPending(null));
    },
    [hub.invoke, tableNumbers, t, show, clear, refused, closeRotated],
  );

  const move = useCallback(
    (player: WorkshopPlayer, table: number) => {
      const controlKey = `move:${player.playerId}`;
      setPending(controlKey);
      clear(controlKey);
      hub
        .invoke<MoveResult>(FacilitatorHub.movePlayer, player.playerId, table)
        .then((result) => {
          if (!result.moved) refused(controlKey, (_, language) => explain(result, language));
        })
        .catch(() => show(controlKey, { kind: "failed", text: t.sendFailed, say: (now) => now.sendFailed }))
        .finally(() => setPending(null));
    },
    [hub.invoke, t, show, clear, refused],
  );

  const enterKey = useCallback((entered: string) => {
    setKeyRefused(null);
    setRotated(false);
    setKey(entered);
  }, []);

  // Set before the request: the push can arrive before the answer that carries the new key.
  const expectRotation = useCallback((expected: boolean) => {
    replacingKey.current = expected;
  }, []);

  const replaceKey = useCallback(
    (replaced: string) => {
      facilitatorKey.set(workshopId, replaced);
      setKey(replaced);
      setRekeyed((n) => n + 1);
    },
    [workshopId],
  );

  const controls: ConsoleControls = { run, move, pending, feedback, offline: hub.state !== "connected" };

  const keyRefusal = keyRefused ? explain(keyRefused, lang) : rotated ? t.danger.rotatedElsewhere : null;
  return { key, keyRefusal, enterKey, expectRotation, replaceKey, hub, session, workshop, feed, tableNumbers, controls, live };
}
