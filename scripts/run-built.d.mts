/** True when dist/<name>.js is missing or older than anything it was built from. */
export function isStale(name: 'cli' | 'simulator'): boolean;
