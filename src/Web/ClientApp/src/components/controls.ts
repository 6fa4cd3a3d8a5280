import type { PlayerCommand } from "../protocol";
import type { Feedback } from "./Chrome";

/** What a player's controls need: a way to send, and the answer to show next to each control. */
export interface Controls {
  /** Sends a command; `key` names the control, so its refusal appears next to it. */
  send: (key: string, command: PlayerCommand) => void;
  /** The control whose command is on its way. */
  pending: string | null;
  feedback: Record<string, Feedback>;
  /** No connection: nothing can be sent. */
  offline: boolean;
}
