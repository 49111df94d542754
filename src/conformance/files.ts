/**
 * Finds and reads a directory of gzipped vector files (`NN.json.gz`) and its optional `index.json`;
 * every problem comes back as an error value with the file named.
 */

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { indexFromInstructionSet, parseIndex, parseVectors } from './vectors.js';
import type { Parsed, TestVector, VectorIndex } from './vectors.js';

export interface VectorFile {
  readonly path: string;
  /** From the name (`a9.json.gz`), or else the byte at the first test's PC. */
  readonly opcode: number;
  readonly vectors: readonly TestVector[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Every `*.json.gz` in the directory, sorted by name, or an error saying why the directory is unusable. */
export function listVectorFiles(directory: string): Parsed<string[]> {
  try {
    if (!statSync(directory).isDirectory()) return { ok: false, error: `${directory} is not a directory` };
    const names = readdirSync(directory)
      .filter((name) => name.endsWith('.json.gz'))
      .sort();
    if (names.length === 0) return { ok: false, error: `${directory} holds no *.json.gz vector files` };
    return { ok: true, value: names.map((name) => join(directory, name)) };
  } catch (error) {
    return { ok: false, error: `cannot read ${directory}: ${describe(error)}` };
  }
}

/** `index.json` of the directory when present, else the same facts from moth's instruction table. */
export function loadIndex(directory: string): Parsed<VectorIndex> {
  const path = join(directory, 'index.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { ok: true, value: indexFromInstructionSet() };
  }
  try {
    const parsed = parseIndex(JSON.parse(text));
    return parsed.ok ? parsed : { ok: false, error: `${path}: ${parsed.error}` };
  } catch (error) {
    return { ok: false, error: `${path}: ${describe(error)}` };
  }
}

/** Gunzips, parses and checks one vector file. */
export function readVectorFile(path: string): Parsed<VectorFile> {
  let json: unknown;
  try {
    json = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  } catch (error) {
    return { ok: false, error: `${path}: ${describe(error)}` };
  }
  const vectors = parseVectors(json);
  if (!vectors.ok) return { ok: false, error: `${path}: ${vectors.error}` };
  const fromName = /(?:^|[\\/])([0-9a-f]{2})\.json\.gz$/i.exec(path);
  let opcode: number | undefined = fromName ? parseInt(fromName[1]!, 16) : undefined;
  if (opcode === undefined) {
    const first = vectors.value[0];
    opcode = first?.initial.ram.find(([address]) => address === first.initial.pc)?.[1];
  }
  if (opcode === undefined) return { ok: false, error: `${path}: cannot tell which opcode it tests` };
  return { ok: true, value: { path, opcode, vectors: vectors.value } };
}
