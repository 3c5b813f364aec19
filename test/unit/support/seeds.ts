// The original API pages in ../shared/seeds (beside the repository) and the literal JSON
// examples they contain.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SEEDS_DIR = process.env['THREADLINE_SEEDS'] ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'seeds');

export function seedText(prefix: string): string {
  if (!fs.existsSync(SEEDS_DIR)) throw new Error(`The seed pages are missing: expected ${SEEDS_DIR} (../shared/seeds beside the repository)`);
  const file = fs.readdirSync(SEEDS_DIR).find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`No seed page ${prefix}_* in ${SEEDS_DIR}`);
  return fs.readFileSync(path.join(SEEDS_DIR, file), 'utf8');
}

/** Every JSON object or array that starts a line and parses, in page order. */
export function jsonExamples(text: string): unknown[] {
  const examples: unknown[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const atLineStart = index === 0 || text[index - 1] === '\n';
    if (atLineStart && (char === '{' || char === '[')) {
      const end = matchingBracket(text, index);
      if (end !== -1) {
        try {
          examples.push(JSON.parse(text.slice(index, end + 1)));
          index = end + 1;
          continue;
        } catch {
          // not JSON (a code sample): keep scanning
        }
      }
    }
    index++;
  }
  return examples;
}

function matchingBracket(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
