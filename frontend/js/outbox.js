/**
 * Messages the user sent that the server has not confirmed yet. A send is confirmed when a
 * `message` frame (live or in a `joined.history`) carries its `clientId`; until then it stays
 * here, is shown as pending and is sent again after a reconnect. Resending is safe because the
 * server stores a `clientId` only once. Pure: no DOM, no socket.
 */

export const SendStatus = Object.freeze({
  SENDING: 'sending',
  FAILED: 'failed',
});

export class Outbox {
  constructor() {
    /** clientId -> entry, in the order of sending (Map keeps insertion order). */
    this.entries = new Map();
  }

  /** Records a new send; `createdAt` is epoch ms, `attachments` `[{id, url}]`. Returns the entry. */
  add({ clientId, room, text, createdAt, attachments = [] }) {
    const entry = { clientId, room, text, createdAt, attachments, status: SendStatus.SENDING };
    this.entries.set(clientId, entry);
    return entry;
  }

  has(clientId) {
    return this.entries.has(clientId);
  }

  /** Confirms one send; returns its entry, or undefined when the clientId is not ours/pending. */
  acknowledge(clientId) {
    if (typeof clientId !== 'string') return undefined;
    const entry = this.entries.get(clientId);
    if (entry) this.entries.delete(clientId);
    return entry;
  }

  /** Confirms every send whose clientId appears in `messages`; returns how many were confirmed. */
  acknowledgeAll(messages) {
    let count = 0;
    for (const message of messages) {
      if (message && this.acknowledge(message.clientId)) count += 1;
    }
    return count;
  }

  /** Unconfirmed sends to `room`, oldest first. */
  pendingFor(room) {
    return [...this.entries.values()].filter((entry) => entry.room === room);
  }

  /** Marks the room's unconfirmed sends failed (the server said it could not store them). */
  markFailed(room) {
    for (const entry of this.pendingFor(room)) entry.status = SendStatus.FAILED;
  }

  /** Marks the room's unconfirmed sends as being sent again; returns them, oldest first. */
  takeForResend(room) {
    const entries = this.pendingFor(room);
    for (const entry of entries) entry.status = SendStatus.SENDING;
    return entries;
  }

  /** Forgets the room's unconfirmed sends (the room is gone); returns how many there were. */
  dropRoom(room) {
    const entries = this.pendingFor(room);
    for (const entry of entries) this.entries.delete(entry.clientId);
    return entries.length;
  }

  get size() {
    return this.entries.size;
  }
}
