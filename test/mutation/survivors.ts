import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * After a mutation run: the score per folder and file from Stryker's JSON report, and every
 * surviving (or unreached) change that is not listed in `accepted-equivalents.md`. Exits 1 when
 * such a change remains, so a run over a change's files says at once whether a rule is unpinned.
 *
 * Usage: `tsx test/mutation/survivors.ts domain|services`
 */
interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

const which = process.argv[2] ?? 'domain';
const reportPath = join('reports', 'mutation', which, 'mutation.json');
if (!existsSync(reportPath)) {
  console.error(
    `No report at ${reportPath}: run npm run test:mutation${which === 'domain' ? '' : `:${which}`} first.`,
  );
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;

/** Rows of the table: file, original code, replacement (backticks and notes in parentheses dropped). */
const accepted = readFileSync(new URL('./accepted-equivalents.md', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('| functions/'))
  .map((line) => {
    // A pipe inside a cell (`a || b`, a regex's alternatives) is written `\|`, as Markdown tables need.
    const [file, original, replacement] = line
      .split(/(?<!\\)\|/)
      .slice(1, 4)
      .map((cell) => cell.trim().replaceAll('\\|', '|'));
    const code = (cell = '') => /`([^`]*)`/.exec(cell)?.[1] ?? cell;
    return { file, original: code(original), replacement: code(replacement) };
  });

function originalText(source: string, m: Mutant): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  if (start.line === end.line) return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1);
  return [
    (lines[start.line - 1] ?? '').slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    (lines[end.line - 1] ?? '').slice(0, end.column - 1),
  ].join('\n');
}

const DETECTED = new Set(['Killed', 'Timeout']);
const COUNTED = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);
const byFolder = new Map<string, { detected: number; counted: number; accepted: number }>();
const unexplained: string[] = [];
const rows: string[] = [];
for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) =>
  a.localeCompare(b),
)) {
  let detected = 0;
  let counted = 0;
  let acceptedHere = 0;
  for (const m of mutants) {
    if (!COUNTED.has(m.status)) continue;
    counted++;
    if (DETECTED.has(m.status)) {
      detected++;
      continue;
    }
    const original = originalText(source, m);
    if (accepted.some((a) => a.file === file && a.original === original && a.replacement === m.replacement)) {
      acceptedHere++;
      continue;
    }
    unexplained.push(
      `${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName}\n  - ${original.split('\n')[0]}\n  + ${(m.replacement ?? '').split('\n')[0]}`,
    );
  }
  const folder = file.split('/').slice(0, -1).join('/');
  const f = byFolder.get(folder) ?? { detected: 0, counted: 0, accepted: 0 };
  byFolder.set(folder, {
    detected: f.detected + detected,
    counted: f.counted + counted,
    accepted: f.accepted + acceptedHere,
  });
  if (counted)
    rows.push(
      `${pct(detected, counted).padStart(7)}  ${pct(detected + acceptedHere, counted).padStart(7)}  ${file}`,
    );
}

function pct(part: number, whole: number) {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

console.log('  score  with accepted equivalents');
for (const row of rows) console.log(row);
console.log('');
for (const [folder, f] of byFolder)
  console.log(
    `${pct(f.detected, f.counted).padStart(7)}  ${pct(f.detected + f.accepted, f.counted).padStart(7)}  ${folder}/ (${f.counted} changes)`,
  );
if (unexplained.length) {
  console.log(`\n${unexplained.length} surviving changes neither killed nor accepted as equivalent:\n`);
  console.log(unexplained.join('\n'));
  process.exit(1);
}
console.log('\nEvery surviving change is listed as an accepted equivalent.');
