/** One line of the suite's table: what was done (counts), whether it held, and its figures. */
export interface Line {
  line: string;
  done: string;
  ok: boolean;
  figures: Record<string, number | string>;
  notes: string[];
  ms: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/** A Markdown table (it reads the same in a terminal and in the README). */
export function renderTable(lines: readonly Line[]): string {
  const rows = lines.map((l) => [
    l.line,
    l.done,
    [
      l.ok ? '**pass**' : '**FAIL**',
      ...Object.entries(l.figures).map(
        ([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en') : v}`,
      ),
      `time ${seconds(l.ms)}`,
      ...l.notes,
    ].join('; '),
  ]);
  const header = ['Line', 'What was done', 'Result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)].join('\n');
}
