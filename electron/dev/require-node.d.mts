// Types for require-node.mjs, which stays plain JavaScript so any Node can run it.
export function minimumFromRange(range: unknown): [number, number, number] | undefined;
export function requiredNodeRange(packageJsonUrl?: URL): string | undefined;
export function isOlder(current: string, range: unknown): boolean;
export function tooOldMessage(current: string, range: unknown): string;
export function requireNode(current?: string): void;
