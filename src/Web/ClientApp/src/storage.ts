// What this device remembers: seat tokens (a player's identity), facilitator keys, the names
// the person joined with. localStorage may be unavailable (private mode): then nothing is kept.

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the page still works until it is closed.
  }
}

/** Join codes are case-insensitive; the keys use the upper-case form. */
export const normaliseCode = (code: string) => code.trim().toUpperCase();

export const seatToken = {
  get: (code: string) => read(`regiolab.seat.${normaliseCode(code)}`),
  set: (code: string, token: string) => write(`regiolab.seat.${normaliseCode(code)}`, token),
  clear: (code: string) => write(`regiolab.seat.${normaliseCode(code)}`, null),
};

export const seatName = {
  get: (code: string) => read(`regiolab.name.${normaliseCode(code)}`),
  set: (code: string, name: string) => write(`regiolab.name.${normaliseCode(code)}`, name),
};

export const facilitatorKey = {
  get: (workshopId: string) => read(`regiolab.facilitator.${workshopId}`),
  set: (workshopId: string, key: string) => write(`regiolab.facilitator.${workshopId}`, key),
  clear: (workshopId: string) => write(`regiolab.facilitator.${workshopId}`, null),
};

/** The role this phone's player said they read (at the role swap or on the play page), per workshop. */
export const seenRole = {
  get: (code: string) => read(`regiolab.role.${normaliseCode(code)}`),
  set: (code: string, role: string) => write(`regiolab.role.${normaliseCode(code)}`, role),
};

/** The handover tips the previous holder left for the role I hold in a round, kept through that round (the server shows them at the swap only). */
export interface HandoverTips {
  round: number;
  role: string;
  notes: string[];
}

export const handoverTips = {
  get(code: string): HandoverTips | null {
    try {
      const parsed = JSON.parse(read(`regiolab.tips.${normaliseCode(code)}`) ?? "null") as HandoverTips | null;
      return parsed && Array.isArray(parsed.notes) ? parsed : null;
    } catch {
      return null;
    }
  },
  set: (code: string, tips: HandoverTips) => write(`regiolab.tips.${normaliseCode(code)}`, JSON.stringify(tips)),
};

export interface KnownWorkshop {
  workshopId: string;
  joinCode: string;
  title: string;
  createdAt: string;
}

const workshopsKey = "regiolab.workshops";

/** The workshops created on this device, newest first (for the start page's list). */
export const knownWorkshops = {
  list(): KnownWorkshop[] {
    try {
      const parsed: unknown = JSON.parse(read(workshopsKey) ?? "[]");
      return Array.isArray(parsed) ? (parsed as KnownWorkshop[]).filter((w) => facilitatorKey.get(w.workshopId)) : [];
    } catch {
      return [];
    }
  },
  add(workshop: KnownWorkshop): void {
    const rest = knownWorkshops.list().filter((w) => w.workshopId !== workshop.workshopId);
    write(workshopsKey, JSON.stringify([workshop, ...rest].slice(0, 10)));
  },
};

/**
 * A command id: unique per command. crypto.randomUUID exists only in secure contexts (https,
 * localhost); a workshop on a local network over plain http still has getRandomValues.
 */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === "function" && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
