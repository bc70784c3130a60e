// What the two live regions say, as messages (rendered in the current language by the page).
//
// Each region shows one message at a time and keeps it for at least HOLD_MS before the next one
// is written, so "Resumed: …" is not replaced by the list count before a screen reader has read
// it. Messages wait in a queue; a newer message with the same `topic` (e.g. the held count)
// replaces a queued older one instead of piling up. Writing the same text twice would not be
// re-read, so each write clears the region first and fills it on the next frame.
import type { Message } from '../../../shared/i18n';

const HOLD_MS = 1200;
const CLEAR_MS = 50;

type RegionName = 'polite' | 'assertive';
interface Queued {
  message: Message;
  topic?: string;
}

class Region {
  current = $state<Message | undefined>();
  #queue: Queued[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  add(item: Queued): void {
    if (item.topic) this.#queue = this.#queue.filter((queued) => queued.topic !== item.topic);
    this.#queue.push(item);
    if (!this.#timer) this.#next();
  }

  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
    this.current = undefined;
  }

  #next(): void {
    const item = this.#queue.shift();
    if (!item) {
      this.#timer = undefined;
      return;
    }
    this.current = undefined;
    this.#timer = setTimeout(() => {
      this.current = item.message;
      this.#timer = setTimeout(() => this.#next(), HOLD_MS);
    }, CLEAR_MS);
  }
}

export class Announcer {
  readonly #regions: Record<RegionName, Region> = { polite: new Region(), assertive: new Region() };

  get polite(): Message | undefined {
    return this.#regions.polite.current;
  }

  get assertive(): Message | undefined {
    return this.#regions.assertive.current;
  }

  /** Said when the reader is idle, and shown in the status line. */
  say(message: Message, topic?: string): void {
    this.#regions.polite.add({ message, ...(topic ? { topic } : {}) });
  }

  /** Said at once (refusals, a session that ended). */
  alert(message: Message): void {
    this.#regions.assertive.add({ message });
  }

  clearAlert(): void {
    this.#regions.assertive.clear();
  }
}
