import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeTooOld, REQUIRED_NODE } from '../../electron/runtime/require-node';

describe('Node version check', () => {
  it('asks for what package.json engines.node says', () => {
    const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${REQUIRED_NODE}`);
  });

  it('compares versions numerically', () => {
    expect(nodeTooOld('20.20.2', '22.19.0')).toBe(true);
    expect(nodeTooOld('22.18.9', '22.19.0')).toBe(true);
    expect(nodeTooOld('22.19.0', '22.19.0')).toBe(false);
    expect(nodeTooOld('22.100.0', '22.19.0')).toBe(false);
    expect(nodeTooOld('v24.1.0', '22.19.0')).toBe(false);
    expect(nodeTooOld(process.versions.node)).toBe(false);
  });
});
