export const ROOT: string;
export const DIST: string;
export const ENTRIES: Record<'cli' | 'simulator', string>;
/** Builds dist/<name>.js (and its inputs list); resolves to the file's path. */
export function buildEntry(name: 'cli' | 'simulator'): Promise<string>;
