import { HttpTransportType, type HubConnection, HubConnectionBuilder, HubConnectionState, type IRetryPolicy, LogLevel, type RetryContext } from "@microsoft/signalr";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";

/** What the person sees: verbonden / opnieuw verbinden… / verbinding verbroken. */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "disconnected";

// After a drop: at once, then backing off to every 30 s for five minutes; after that the
// connection counts as lost, and the page keeps trying every 30 s and whenever the phone wakes
// up or comes back online (a sleeping phone drops its socket; the seat survives on the server).
const retryDelays = [0, 1000, 2000, 5000, 10000, 15000, 30000];
const giveUpAfterMs = 5 * 60 * 1000;
const lostRetryMs = 30000;

const reconnectPolicy: IRetryPolicy = {
  nextRetryDelayInMilliseconds(context: RetryContext): number | null {
    if (context.elapsedMilliseconds > giveUpAfterMs) return null;
    return retryDelays[Math.min(context.previousRetryCount, retryDelays.length - 1)] ?? lostRetryMs;
  },
};

// While a silo that died is being replaced (a few seconds), the opening method is refused with
// `host_unavailable` and a command with `unavailable`: both are tried again, backing off, while the
// page says "opnieuw verbinden…" (docs/operations.md, "Failure window").
const windowRetryDelays = [250, 500, 1000, 2000, 3000];

/** Thrown by an opening method whose answer says the cluster is in its failure window. */
export class RetryLater extends Error {}

/** Call with the answer of Resume, Open or Watch: a `host_unavailable` refusal makes the hub try again. */
export function retryIfUnavailable(answer: { ok: boolean; code?: string | null }): void {
  if (!answer.ok && answer.code === "host_unavailable") throw new RetryLater("host_unavailable");
}

const unavailableAck = (result: unknown): boolean =>
  typeof result === "object" && result !== null && !Array.isArray(result) && (result as { code?: unknown }).code === "unavailable";

export interface HubOptions {
  path: string;
  /** Registers the server → client handlers, once, before the first start. */
  register: (connection: HubConnection) => void;
  /** The hub's opening method (Resume, Open, Watch): called after every connect and reconnect. */
  open: (connection: HubConnection) => Promise<void>;
  /** False while the page cannot connect yet (e.g. no key): nothing starts. */
  enabled?: boolean;
}

export interface Hub {
  state: ConnectionState;
  /** Calls a hub method once the connection is open; retried with the same arguments after a drop. */
  invoke: <T>(method: string, ...args: unknown[]) => Promise<T>;
  /** Tries to connect now (the person pressed the button). */
  retryNow: () => void;
  /** Calls the opening method again on the open connection (e.g. after being moved). */
  reopen: () => void;
}

/** Waits ms, or until wake.resolve() is called (the person pressed retry, the phone woke up). */
const sleep = (ms: number, wake: { resolve: (() => void) | null }) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      if (wake.resolve === done) wake.resolve = null;
      resolve();
    };
    const timer = setTimeout(done, ms);
    wake.resolve = done;
  });

export function useHub({ path, register, open, enabled = true }: HubOptions): Hub {
  const [state, setState] = useState<ConnectionState>("connecting");
  const connectionRef = useRef<HubConnection | null>(null);
  const readyRef = useRef(false);
  const waitersRef = useRef<Array<() => void>>([]);
  const wakeRef = useRef<{ resolve: (() => void) | null }>({ resolve: null });
  const openRef = useRef(open);
  openRef.current = open;
  const loopRef = useRef<(() => Promise<void>) | null>(null);
  const registerRef = useRef(register);
  registerRef.current = register;

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let looping = false;
    // WebSockets straight away, without SignalR's negotiate request: a connection is then one
    // request, so a proxy may send it to any web host (no sticky sessions; deploy/).
    const connection = new HubConnectionBuilder()
      .withUrl(path, { skipNegotiation: true, transport: HttpTransportType.WebSockets })
      .withAutomaticReconnect(reconnectPolicy)
      .configureLogging(LogLevel.Warning)
      .build();
    connectionRef.current = connection;
    registerRef.current(connection);

    const becameReady = async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          await openRef.current(connection);
          break;
        } catch (error) {
          // The connection dropped while opening: the next reconnect opens again. The cluster is in
          // its failure window: show "reconnecting" and open again on the same connection.
          if (!(error instanceof RetryLater) || stopped || connection.state !== HubConnectionState.Connected) return;
          setState("reconnecting");
          await sleep(windowRetryDelays[Math.min(attempt, windowRetryDelays.length - 1)] ?? 3000, wakeRef.current);
          if (stopped || connection.state !== HubConnectionState.Connected) return;
        }
      }
      if (connection.state !== HubConnectionState.Connected) return;
      setState("connected");
      readyRef.current = true;
      const waiters = waitersRef.current;
      waitersRef.current = [];
      for (const resolve of waiters) resolve();
    };

    const connectLoop = async () => {
      if (looping) return;
      looping = true;
      const began = Date.now();
      let attempt = 0;
      while (!stopped && connection.state === HubConnectionState.Disconnected) {
        try {
          await connection.start();
          if (stopped) break;
          setState("connected");
          await becameReady();
          break;
        } catch {
          if (stopped) break;
          attempt += 1;
          const lost = Date.now() - began > giveUpAfterMs || attempt > retryDelays.length;
          setState(lost ? "disconnected" : "reconnecting");
          await sleep(lost ? lostRetryMs : (retryDelays[attempt] ?? lostRetryMs) + 500, wakeRef.current);
        }
      }
      looping = false;
    };
    loopRef.current = connectLoop;

    connection.onreconnecting(() => {
      readyRef.current = false;
      setState("reconnecting");
    });
    connection.onreconnected(() => {
      setState("connected");
      void becameReady();
    });
    connection.onclose(() => {
      readyRef.current = false;
      if (stopped) return;
      setState("disconnected");
      void sleep(lostRetryMs, wakeRef.current).then(connectLoop);
    });

    const wake = () => {
      if (document.visibilityState === "visible" && connection.state === HubConnectionState.Disconnected) {
        if (wakeRef.current.resolve) wakeRef.current.resolve();
        else void connectLoop();
      }
    };
    window.addEventListener("online", wake);
    document.addEventListener("visibilitychange", wake);

    setState("connecting");
    void connectLoop();

    return () => {
      stopped = true;
      readyRef.current = false;
      window.removeEventListener("online", wake);
      document.removeEventListener("visibilitychange", wake);
      wakeRef.current.resolve?.();
      void connection.stop();
      connectionRef.current = null;
      loopRef.current = null;
    };
  }, [path, enabled]);

  const whenReady = useCallback(
    (timeoutMs: number) =>
      new Promise<boolean>((resolve) => {
        if (readyRef.current) {
          resolve(true);
          return;
        }
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waitersRef.current.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      }),
    [],
  );

  const invoke = useCallback(
    async <T>(method: string, ...args: unknown[]): Promise<T> => {
      // The same arguments (and so the same command id) on every try: the server answers a
      // repeated command id with its first answer, so a retry after a drop is safe.
      for (let attempt = 0; ; attempt++) {
        if (!(await whenReady(20000))) throw new Error("not connected");
        const connection = connectionRef.current;
        if (!connection) throw new Error("not connected");
        try {
          const result = await connection.invoke<T>(method, ...args);
          if (!unavailableAck(result) || attempt >= windowRetryDelays.length) return result;
          await new Promise((resolve) => setTimeout(resolve, windowRetryDelays[attempt]));
        } catch (error) {
          const dropped = connection.state !== HubConnectionState.Connected;
          if (!dropped || attempt >= 2 + windowRetryDelays.length) throw error;
          readyRef.current = false;
        }
      }
    },
    [whenReady],
  );

  const retryNow = useCallback(() => {
    const connection = connectionRef.current;
    if (!connection || connection.state !== HubConnectionState.Disconnected) return;
    setState("reconnecting");
    if (wakeRef.current.resolve) wakeRef.current.resolve();
    else void loopRef.current?.();
  }, []);

  const reopen = useCallback(() => {
    const connection = connectionRef.current;
    if (!connection || connection.state !== HubConnectionState.Connected) return;
    readyRef.current = false;
    void openRef.current(connection).then(() => {
      readyRef.current = true;
      const waiters = waitersRef.current;
      waitersRef.current = [];
      for (const resolve of waiters) resolve();
    });
  }, []);

  return { state, invoke, retryNow, reopen };
}
