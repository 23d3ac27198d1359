import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.json';
import en from './en.json';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const zhLeaves = leaves(zhCN as Tree);
const enLeaves = leaves(en as Tree);

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('locale catalogues', () => {
  it('have the same keys', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
  });

  it('have no empty messages', () => {
    for (const [key, message] of [...zhLeaves, ...enLeaves]) {
      expect(message.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, message] of zhLeaves) {
      expect(placeholders(enLeaves.get(key) ?? ''), key).toEqual(placeholders(message));
    }
  });

  it('avoid characters that vue-i18n reads as syntax (@ | $)', () => {
    for (const [key, message] of [...zhLeaves, ...enLeaves]) {
      expect(message, key).not.toMatch(/[@|$]/);
    }
  });
});
