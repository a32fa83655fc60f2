// Message headers typed on one line, `k=v, k2=v2`, as the produce command asks for them.

import type { KafkaHeaderValue } from './types';

export type HeaderParse = { readonly headers: KafkaHeaderValue[] } | { readonly problem: string };

/**
 * Splits on commas and on the first `=` of each pair; a value may itself hold `=`. A
 * backslash keeps the next character literal, so `a=1\,2` is one header with value `1,2`.
 */
export function parseHeaderList(text: string): HeaderParse {
  const headers: KafkaHeaderValue[] = [];
  for (const pair of splitUnescaped(text, ',')) {
    if (!pair.trim()) continue;
    const eq = indexOfUnescaped(pair, '=');
    if (eq < 0) return { problem: `Header "${pair.trim()}" has no "=": write key=value, separated by commas.` };
    const key = unescape(pair.slice(0, eq)).trim();
    if (!key) return { problem: `Header "${pair.trim()}" has no key before "=".` };
    headers.push({ key, value: unescape(pair.slice(eq + 1)).trim() });
  }
  return { headers };
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function indexOfUnescaped(text: string, char: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === char) return i;
  }
  return -1;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
