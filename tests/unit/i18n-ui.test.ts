// The panel's side of the catalogue: every ui.* message is complete in both languages with the
// same parameters, every one is used by the renderer, and the renderer's markup has no English
// of its own (text nodes, aria-labels, titles, placeholders), so nothing escapes translation.
// (tests/unit/i18n.test.ts checks the whole catalogue the same way; this one names the panel's
// gaps file by file.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uiEn } from '../../shared/i18n/ui.en';
import { uiZhCN } from '../../shared/i18n/ui.zh-CN';

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Base id → parameter names used by any of its (plural) forms. */
function paramsById(table: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, Set<string>>();
  for (const [key, text] of Object.entries(table)) {
    const id = key.replace(PLURAL, '');
    const params = out.get(id) ?? new Set<string>();
    for (const match of text.matchAll(/\{\{\s*([\w.-]+)\s*(?:,[^}]*)?\}\}/g)) params.add(match[1]!);
    out.set(id, params);
  }
  return new Map([...out].map(([id, params]) => [id, [...params].sort().join(',')]));
}

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(svelte|ts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

const RENDERER = [...sources('renderer/src'), ...sources('renderer/preview')];

/** Text an agent would read in a Svelte file's markup that is not a {expression}. */
export function literalTexts(svelte: string): string[] {
  let markup = svelte
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  // Drop {expressions}, innermost first, so nested braces go too.
  for (let before = ''; before !== markup; ) {
    before = markup;
    markup = markup.replace(/\{[^{}]*\}/g, '');
  }
  const found: string[] = [];
  for (const match of markup.matchAll(/>([^<>]+)</g)) if (/\p{L}{2,}/u.test(match[1]!)) found.push(match[1]!.trim());
  for (const match of markup.matchAll(/\b(aria-label|aria-description|title|placeholder|alt|label)="([^"]*)"/g)) {
    if (/\p{L}{2,}/u.test(match[2]!)) found.push(`${match[1]}="${match[2]}"`);
  }
  return found;
}

describe('the panel catalogue (ui.*)', () => {
  const en = paramsById(uiEn);
  const zh = paramsById(uiZhCN);

  it('has every English message in zh-CN, with the same parameters, and nothing extra', () => {
    expect([...en.keys()].filter((id) => !zh.has(id)), 'missing in zh-CN').toEqual([]);
    expect([...zh.keys()].filter((id) => !en.has(id)), 'only in zh-CN').toEqual([]);
    expect([...en].filter(([id, params]) => zh.has(id) && zh.get(id) !== params).map(([id]) => id), 'parameters differ').toEqual([]);
  });

  it('has only ids the renderer uses (a dead message is one nobody keeps up to date)', () => {
    const all = RENDERER.map((s) => s.text).join('\n');
    expect([...en.keys()].filter((id) => !all.includes(`'${id}'`))).toEqual([]);
  });
});

describe('the renderer markup', () => {
  it('the check finds English text and labels, and passes expressions and symbols', () => {
    const sample = `<script>const a = 'x';</script>
      <h1>{t('ui.title.list')}</h1><p>Loading…</p>
      <button aria-label="Hide the panel" title={t('ui.hide')}>✕</button>
      <span id="{id}-label">{value ? a : b}</span><kbd>{key}</kbd> · {x}`;
    expect(literalTexts(sample)).toEqual(['Loading…', 'aria-label="Hide the panel"']);
  });

  it.each(RENDERER.filter((s) => s.file.endsWith('.svelte')).map((s) => [s.file, s.text] as const))('%s has no text outside the catalogue', (_file, text) => {
    expect(literalTexts(text)).toEqual([]);
  });
});
