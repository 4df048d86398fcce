// Lists one directory for the mailbox walkers: names sorted (by code unit, not locale, so the
// order is the same everywhere), symlinks resolved, and directories identified by device and
// inode so that a walker can refuse to enter one twice (a symlink loop, or a second link).
import type { Dirent } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type Listed =
  | { name: string; path: string; kind: 'file' | 'other' }
  | { name: string; path: string; kind: 'directory'; id: string }
  | { name: string; path: string; kind: 'broken'; error: string };

export async function listDirectory(dir: string): Promise<Listed[]> {
  const dirents: Dirent[] = [];
  for await (const dirent of await opendir(dir)) dirents.push(dirent);
  dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const listed: Listed[] = [];
  for (const dirent of dirents) {
    const path = join(dir, dirent.name);
    // The entry type from the directory spares a stat per message file; links and directories need one.
    listed.push(dirent.isFile() ? { name: dirent.name, path, kind: 'file' } : await describe(dirent.name, path));
  }
  return listed;
}

export async function directoryId(path: string): Promise<string> {
  const stats = await stat(path);
  return `${stats.dev}:${stats.ino}`;
}

async function describe(name: string, path: string): Promise<Listed> {
  try {
    // stat follows symlinks: a link is taken for what it points to.
    const stats = await stat(path);
    if (stats.isDirectory()) return { name, path, kind: 'directory', id: `${stats.dev}:${stats.ino}` };
    return { name, path, kind: stats.isFile() ? 'file' : 'other' };
  } catch (error) {
    return { name, path, kind: 'broken', error: (error as Error).message };
  }
}
