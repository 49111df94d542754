/**
 * `--machine` and `--rom` on the command line: a preset name or a machine file's path becomes a machine
 * description, and every ROM image (the file's own and each `--rom FILE@ADDR`) is read, ready to load.
 * Bad machine files come back as located diagnostics; missing images and bad arguments as UserErrors.
 */
import type { CpuVariant } from '../cpu/variants.js';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { MachineDescription } from '../machine/description.js';
import { parseMachineFile } from '../machine/machine-file.js';
import { PRESET_NAMES, PRESETS, isPresetName } from '../machine/presets.js';
import { hexWord, parseAddress } from '../shared/hex.js';
import { InvalidArgumentError } from 'commander';
import { UserError } from './errors.js';
import { readBinaryFile, readTextFile } from './files.js';

/** An image and where it goes. */
export interface RomPlacement {
  readonly file: string;
  readonly address: number;
}

export interface MachineChoice {
  readonly description: MachineDescription;
  /** The images to load before the program, in order (machine file's ROM regions first, then `--rom`). */
  readonly images: readonly { readonly file: string; readonly address: number; readonly bytes: Uint8Array }[];
}

/** `FILE@ADDR` (ADDR in any spelling moth accepts: `$8000`, `0x8000`, `32768`). */
export function romArgument(value: string, previous: RomPlacement[] = []): RomPlacement[] {
  const at = value.lastIndexOf('@');
  const address = at < 0 ? undefined : parseAddress(value.slice(at + 1));
  if (at <= 0 || address === undefined) {
    throw new InvalidArgumentError(`'${value}' is not FILE@ADDRESS, such as wozmon.bin@0xFF00.`);
  }
  return [...previous, { file: value.slice(0, at), address }];
}

/** A preset by name, or a machine file by path (anything with a slash or ending in .toml, or an existing file). */
export async function chooseMachine(nameOrPath: string, roms: readonly RomPlacement[], colour: boolean): Promise<MachineChoice> {
  let description: MachineDescription;
  if (isPresetName(nameOrPath)) description = PRESETS[nameOrPath];
  else if (/[\\/]|\.toml$/i.test(nameOrPath) || existsSync(nameOrPath)) description = await readMachineFile(nameOrPath, colour);
  else {
    throw new UserError(`unknown machine "${nameOrPath}": use one of ${PRESET_NAMES.join(', ')} (moth machines lists them) or the path of a machine file`);
  }
  const images: { file: string; address: number; bytes: Uint8Array }[] = [];
  for (const region of description.regions) {
    if (region.kind !== 'rom' || region.image === undefined) continue;
    const path = description.file === undefined ? region.image.path : resolve(dirname(description.file), region.image.path);
    const size = region.end - region.start + 1;
    const where = region.image.where;
    const place = where === undefined ? '' : `${where.file}:${where.line}:${where.column}: `;
    if (!existsSync(path)) throw new UserError(`${place}ROM image ${path} not found`);
    images.push({ file: path, address: region.start, bytes: readBinaryFile(path, size, `ROM at ${hexWord(region.start)}-${hexWord(region.end)}`) });
  }
  for (const rom of roms) {
    images.push({ file: rom.file, address: rom.address, bytes: readBinaryFile(rom.file, 0x10000 - rom.address, `ROM at ${hexWord(rom.address)}`) });
  }
  return { description, images };
}

async function readMachineFile(path: string, colour: boolean): Promise<MachineDescription> {
  const result = parseMachineFile(readTextFile(path), path);
  if (result.ok) return result.description;
  const { formatDiagnostics } = await import('./format-diagnostic.js');
  throw new UserError(`${path}: bad machine file`, 1, formatDiagnostics(result.problems, colour));
}

/** The machine with the CPU `--cpu` names in place of its own (unchanged when `--cpu` is not given). */
export function withCpu(choice: MachineChoice, cpu: CpuVariant | undefined): MachineChoice {
  return cpu === undefined ? choice : { ...choice, description: { ...choice.description, cpu } };
}
