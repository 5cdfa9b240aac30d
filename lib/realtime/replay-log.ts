// The bounded log of discrete events that Last-Event-ID replays from: at most `maxEvents`, none older
// than `maxAgeMs` (by the ms part of the id). Pure; the caller passes the clock.
import { compareEventIds, type EventId } from "./event-id";

export class ReplayLog<T extends { id: EventId }> {
  private entries: T[] = [];
  private firstSeen: EventId | null = null;
  private evictedUpTo: EventId | null = null;

  constructor(
    readonly maxEvents: number,
    readonly maxAgeMs: number,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  append(entry: T, nowMs: number): void {
    let at = this.entries.length;
    while (at > 0 && compareEventIds(this.entries[at - 1]!.id, entry.id) > 0) at--;
    if (at > 0 && compareEventIds(this.entries[at - 1]!.id, entry.id) === 0) return;
    this.entries.splice(at, 0, entry);
    if (!this.firstSeen || compareEventIds(entry.id, this.firstSeen) < 0) this.firstSeen = entry.id;
    this.prune(nowMs);
  }

  prune(nowMs: number): void {
    let drop = 0;
    while (
      drop < this.entries.length &&
      (this.entries.length - drop > this.maxEvents || this.entries[drop]!.id.ms < nowMs - this.maxAgeMs)
    ) {
      drop++;
    }
    if (drop === 0) return;
    this.evictedUpTo = this.entries[drop - 1]!.id;
    this.entries = this.entries.slice(drop);
  }

  /** The entries after `after`, oldest first, within the age limit. */
  after(after: EventId, nowMs: number): T[] {
    this.prune(nowMs);
    let from = this.entries.length;
    while (from > 0 && compareEventIds(this.entries[from - 1]!.id, after) > 0) from--;
    return this.entries.slice(from);
  }

  /**
   * Whether this log alone holds every event after `after`: it saw an event at or before `after` and
   * has evicted nothing after it. Otherwise the shared (Redis) log should answer.
   */
  covers(after: EventId): boolean {
    if (!this.firstSeen || compareEventIds(after, this.firstSeen) < 0) return false;
    return !this.evictedUpTo || compareEventIds(after, this.evictedUpTo) >= 0;
  }
}
