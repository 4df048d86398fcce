// Where the evaluation data lives (../shared/data, beside the project) and how to walk it.
// Shared by `npm run eval`, `npm run bench` and the corpus test; never copied into the repo.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DATA_DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'data');

export function hasData(): boolean {
  return existsSync(DATA_DIR);
}

/** Every .eml file under a data set folder, sorted for a stable order. */
export function emlFiles(relative: string): string[] {
  const root = join(DATA_DIR, relative);
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile() && entry.name.endsWith('.eml'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export const MAIL_SETS = [
  { name: 'phish-mail/phishing_pot', dir: 'phish-mail/phishing_pot', phishing: true },
  { name: 'phish-mail/jp-lists', dir: 'phish-mail/jp-lists', phishing: true },
  { name: 'ham-mail/spamassassin/easy-ham-1', dir: 'ham-mail/spamassassin/easy-ham-1', phishing: false },
  { name: 'ham-mail/spamassassin/hard-ham', dir: 'ham-mail/spamassassin/hard-ham', phishing: false },
  { name: 'ham-mail/fixtures', dir: 'ham-mail/fixtures', phishing: undefined },
] as const;

export type JpcertRow = { date: string; url: string; label: string };

/** Rows of the JPCERT/CC phishing URL list (date,URL,description), all months. */
export function* jpcertRows(): Generator<JpcertRow> {
  const root = join(DATA_DIR, 'urls', 'jpcert');
  for (const year of readdirSync(root).sort()) {
    for (const month of readdirSync(join(root, year)).sort()) {
      const lines = readFileSync(join(root, year, month), 'utf8').split(/\r?\n/);
      for (const line of lines.slice(1)) {
        if (!line) continue;
        const first = line.indexOf(',');
        const last = line.lastIndexOf(',');
        if (first < 0 || last <= first) continue;
        yield { date: line.slice(0, first), url: line.slice(first + 1, last).replace(/^"|"$/g, ''), label: line.slice(last + 1).replace(/^"|"$/g, '') };
      }
    }
  }
}

export function topSites(): string[] {
  return readFileSync(join(DATA_DIR, 'urls', 'top-sites', 'top-sites-domains.txt'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}
