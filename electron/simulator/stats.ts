import type { RequestRecord, SimulatorStats } from './types';

// Request log and connection counters: what benchmarks and connection-reuse tests assert on.

const KEEP = 10_000;

export class Stats implements SimulatorStats {
  tlsHandshakes = 0;
  connections = 0;
  private log: RequestRecord[] = [];
  private readonly listeners = new Set<(r: RequestRecord) => void>();

  record(r: RequestRecord): void {
    this.log.push(r);
    // Trim in batches so a long benchmark does not pay for a shift on every request.
    if (this.log.length > KEEP * 1.5) this.log = this.log.slice(-KEEP);
    for (const listener of [...this.listeners]) {
      try {
        listener(r);
      } catch {
        // A broken test listener must not take the server down with it.
      }
    }
  }

  onRequest(listener: (r: RequestRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  requests(): RequestRecord[] {
    return this.log.slice(-KEEP);
  }

  count(filter: { method?: string; path?: string } = {}): number {
    const method = filter.method?.toUpperCase();
    let n = 0;
    for (const r of this.log.slice(-KEEP)) {
      if (method && r.method !== method) continue;
      if (filter.path && !r.path.includes(filter.path)) continue;
      n += 1;
    }
    return n;
  }

  countsByPath(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.log.slice(-KEEP)) counts[r.path] = (counts[r.path] ?? 0) + 1;
    return counts;
  }

  reset(): void {
    this.tlsHandshakes = 0;
    this.connections = 0;
    this.log = [];
  }
}
