// Locale completeness (issue 6: "a test fails when a message is missing in a locale") and the
// translator's behaviour: plurals, parameters, Intl numbers, locale choice.
import { describe, expect, it } from 'vitest';
import { RETCODE_KINDS } from '../../electron/core/catalogue';
import { HOTKEY_ACTIONS } from '../../shared/commands';
import { CATALOGUE_FOR_TESTS, createTranslator, english, isMessage, isMessageId, LOCALES, msg, posixLocaleTag, resolveLocale } from '../../shared/i18n';
import { coreEn } from '../../shared/i18n/core.en';
import { coreZhCN } from '../../shared/i18n/core.zh-CN';
import { uiEn } from '../../shared/i18n/ui.en';
import { uiZhCN } from '../../shared/i18n/ui.zh-CN';
import { SETTINGS_KEYS, SECTIONS, settingSpec } from '../../shared/settings';

type Table = Readonly<Record<string, string>>;

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseId = (key: string): string => key.replace(PLURAL, '');

/** Each message id (plural forms folded into one) with the parameter names its forms use. */
function ids(table: Table): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, text] of Object.entries(table)) {
    const params = out.get(baseId(key)) ?? new Set<string>();
    // {{name}} or {{name, format}}
    for (const match of text.matchAll(/\{\{\s*([\w.-]+)\s*(?:,[^}]*)?\}\}/g)) params.add(match[1]!);
    out.set(baseId(key), params);
  }
  return out;
}

/** What differs between a locale and English: missing ids, extra ids, ids whose parameters differ. */
function compare(en: Table, other: Table) {
  const want = ids(en);
  const have = ids(other);
  const missing = [...want.keys()].filter((id) => !have.has(id));
  const extra = [...have.keys()].filter((id) => !want.has(id));
  const params = [...want.keys()]
    .filter((id) => have.has(id))
    .filter((id) => [...want.get(id)!].sort().join() !== [...have.get(id)!].sort().join())
    .map((id) => `${id}: en {${[...want.get(id)!].sort().join()}} vs {${[...have.get(id)!].sort().join()}}`);
  return { missing, extra, params };
}

describe('the completeness check itself', () => {
  it('finds a missing message, an extra one and a changed parameter, and folds plural forms', () => {
    const en = { a: 'A {{x}}', b_one: '{{count}} b', b_other: '{{count, number}} bs {{y}}', c: 'C' };
    expect(compare(en, { a: 'A {{x}}', b_other: '{{count}} b {{y}}', c: 'C' })).toEqual({ missing: [], extra: [], params: [] });
    expect(compare(en, { a: 'A {{z}}', b_other: '{{count}}', d: 'D' })).toEqual({
      missing: ['c'],
      extra: ['d'],
      params: ['a: en {x} vs {z}', 'b: en {count,y} vs {count}'],
    });
  });
});

const CATALOGUES: Array<[string, Table, Table]> = [
  ['core', coreEn, coreZhCN],
  ['ui', uiEn, uiZhCN],
];

describe.each(CATALOGUES)('the %s catalogue in zh-CN', (_name, en, zh) => {
  it('has every English message, with the same parameters, and nothing English lacks', () => {
    expect(compare(en, zh)).toEqual({ missing: [], extra: [], params: [] });
  });

  it('has a plural "other" form wherever English has plurals (Chinese has only that one)', () => {
    const plurals = Object.keys(en).filter((key) => key.endsWith('_other'));
    expect(plurals.filter((key) => !(key in zh))).toEqual([]);
    // And an English plural has both forms.
    for (const key of Object.keys(en).filter((k) => k.endsWith('_one'))) expect(en, key).toHaveProperty(key.replace(/_one$/, '_other'));
  });

  it('has no empty message in either language', () => {
    expect(Object.entries(en).filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
    expect(Object.entries(zh).filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('is translated: a zh-CN text with letters in it is not just the English copied', () => {
    // Allowed: texts that are the same in every language (addresses, paths, a bare parameter),
    // and a language's name, which is written in that language in every menu.
    const sameEverywhere = (text: string): boolean => /^(https?:\/\/\S+|\/[\w/.-]+|\{\{\w+\}\}|[\d\s:.–-]+)$/.test(text.trim());
    const ownName = (key: string): boolean => key === 'setting.language.en';
    const copied = Object.keys(en).filter((key) => key in zh && zh[key] === en[key] && /[A-Za-z]{3}/.test(en[key]!) && !sameEverywhere(en[key]!) && !ownName(key));
    expect(copied).toEqual([]);
  });
});

describe('the catalogue covers the data it is keyed by', () => {
  it('every gateway retcode has a message in every locale', () => {
    for (const locale of LOCALES) {
      const table = CATALOGUE_FOR_TESTS[locale] as Table;
      expect(Object.keys(RETCODE_KINDS).filter((code) => !(`gateway.${code}` in table)), locale).toEqual([]);
    }
  });

  it('every setting label, choice, placeholder, section and hotkey action has a message', () => {
    const wanted: string[] = [];
    for (const key of SETTINGS_KEYS) {
      const spec = settingSpec(key);
      wanted.push(spec.label);
      if (spec.type === 'choice') wanted.push(...spec.options.map((o) => o.label));
      if (spec.type === 'text' && spec.placeholder) wanted.push(spec.placeholder);
    }
    wanted.push(...SECTIONS.map((section) => `setting.section.${section}`));
    wanted.push(...HOTKEY_ACTIONS.map((action) => `command.${action}`));
    expect(wanted.filter((id) => !isMessageId(id))).toEqual([]);
  });

  it('isMessage knows plural ids by their base name and refuses anything else', () => {
    expect(isMessageId('tray.held')).toBe(true);
    expect(isMessageId('tray.held_one')).toBe(false);
    expect(isMessage(msg('tray.held', { count: 1 }))).toBe(true);
    expect(isMessage({ id: 'no.such.message' })).toBe(false);
    expect(isMessage('gateway.200-015')).toBe(false);
    expect(isMessage(null)).toBe(false);
  });
});

describe('Translator', () => {
  const zh = createTranslator('zh-CN');

  it('renders plurals by count, in each language', () => {
    expect(english.text('tray.held', { count: 1, longest: '0:45' })).toBe('1 on hold, 0:45');
    expect(english.text('tray.held', { count: 2, longest: '3:12' })).toBe('2 on hold, longest 3:12');
    expect(english.text('tray.menu.more', { count: 1 })).toBe('1 more in the panel…');
    const chinese = zh.text('tray.held', { count: 2, longest: '3:12' });
    expect(chinese).toContain('3:12');
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.text('tray.held', { count: 1, longest: '0:45' })).toMatch(/^1 .*0:45$/u);
  });

  it('renders message parameters in the same language, and numbers through Intl', () => {
    const reason = msg('gateway.200-015');
    expect(english.t(msg('tray.signed-out-because', { state: msg('tray.signed-out'), reason }))).toBe('Signed out (That call is no longer on hold.)');
    const chinese = zh.t(msg('tray.signed-out-because', { state: msg('tray.signed-out'), reason }));
    expect(chinese).toContain(zh.t(reason));
    expect(chinese).not.toMatch(/no longer on hold/);
    expect(english.t(msg('settings.out-of-range', { setting: msg('setting.warnAfterSec'), min: 5, max: 3600 }))).toBe('Warn after (s) must be a whole number from 5 to 3,600.');
    expect(english.text('tray.held', { count: 1234, longest: '1:00' })).toBe('1,234 on hold, longest 1:00');
    expect(english.number(1234567)).toBe('1,234,567');
    expect(zh.number(1234567)).toBe('1,234,567');
  });

  it('tells a Chinese agent the gateway refusal in Chinese', () => {
    for (const code of Object.keys(RETCODE_KINDS)) {
      const text = zh.t(msg(`gateway.${code}` as never));
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
      expect(text, code).not.toBe(english.t(msg(`gateway.${code}` as never)));
    }
  });

  it('keeps one translator per locale', () => {
    expect(createTranslator('en')).toBe(english);
    expect(createTranslator('zh-CN')).toBe(zh);
    expect(zh.locale).toBe('zh-CN');
  });
});

describe('choosing the locale', () => {
  it('the setting wins; "system" follows the OS preference; any Chinese gets zh-CN; else English', () => {
    expect(resolveLocale('zh-CN', ['en-GB'])).toBe('zh-CN');
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('system', ['zh-TW', 'en-US'])).toBe('zh-CN');
    expect(resolveLocale('system', ['fr-FR', 'en-US'])).toBe('en');
    expect(resolveLocale('system', ['fr-FR'])).toBe('en');
    expect(resolveLocale(undefined, [])).toBe('en');
  });

  it('reads POSIX locale variables', () => {
    expect(posixLocaleTag('zh_CN.UTF-8')).toBe('zh-CN');
    expect(posixLocaleTag('en_GB')).toBe('en-GB');
    expect(posixLocaleTag('C')).toBeUndefined();
    expect(posixLocaleTag('POSIX')).toBeUndefined();
    expect(posixLocaleTag(undefined)).toBeUndefined();
  });
});
