/**
 * `moth asm a.s b.s -C project.cfg -o out.bin`: several source files (or one with a linker configuration)
 * assembled as modules and linked the way ld65 links them; also writes ld65's map (`-m`) and VICE labels.
 */
import { basename } from 'node:path';
import { parseLinkerConfig } from '../../asm/linker/config.js';
import { DEFAULT_LINKER_CONFIG } from '../../asm/linker/default-config.js';
import { linkSources } from '../../asm/linker/link.js';
import { symbolFileText } from '../../asm/listing.js';
import { wantsColour } from '../colour.js';
import { UserError } from '../errors.js';
import { checkOutputPaths, readTextFile, writeOutputFile, type NamedOutput } from '../files.js';
import { assemblyTime, includeResolver } from '../program-file.js';
import { defaultOutputName } from './asm.js';
import type { CliStreams } from '../streams.js';

export interface LinkCommandOptions {
  readonly output: string | undefined;
  /** ld65 configuration file; moth's default layout (from `origin`) when undefined. */
  readonly config: string | undefined;
  readonly mapFile: string | undefined;
  readonly symbols: string | undefined;
  /** Every module's listing, at linked addresses. */
  readonly listing: string | undefined;
  readonly origin: number | undefined;
  readonly predefined: ReadonlyMap<string, number>;
  readonly includeDirectories: readonly string[];
  readonly features: readonly string[];
}

export async function linkCommand(files: readonly string[], options: LinkCommandOptions, streams: CliStreams): Promise<number> {
  const colour = wantsColour(streams.stderr);
  const output = options.output ?? defaultOutputName(files[0]!);
  const configName = options.config ?? '<default configuration>';
  const configText = options.config === undefined ? DEFAULT_LINKER_CONFIG : readTextFile(options.config);
  const config = parseLinkerConfig(configText, configName, { outputName: output, startAddress: options.origin ?? (options.config === undefined ? 0x0600 : undefined) });
  if ('message' in config) {
    const { formatDiagnostics } = await import('../format-diagnostic.js');
    const formatted = formatDiagnostics(
      [{ severity: 'error', message: config.message, location: { file: config.file, line: config.line, column: config.column }, length: 1, sourceLine: config.sourceLine }],
      colour,
    );
    throw new UserError(`${configName}: bad linker configuration`, 1, formatted);
  }
  const outputs: NamedOutput[] = [];
  for (const area of config.memory) {
    if (area.file !== undefined && !outputs.some((named) => named.path === area.file)) outputs.push({ option: area.file === output ? '-o' : `file = "${area.file}" in ${configName}`, path: area.file });
  }
  if (options.mapFile !== undefined) outputs.push({ option: '-m', path: options.mapFile });
  if (options.symbols !== undefined) outputs.push({ option: '--symbols', path: options.symbols });
  if (options.listing !== undefined) outputs.push({ option: '--listing', path: options.listing });
  const inputs = [...files, ...(options.config === undefined ? [] : [options.config])];
  checkOutputPaths(inputs, outputs); // before assembling: a mistyped command fails at once
  const sources = files.map((file) => ({ fileName: file, text: readTextFile(file) }));
  const resolveFile = includeResolver(options.includeDirectories, (found) => inputs.push(found));
  const linked = linkSources(sources, { config, resolveFile, predefined: options.predefined, features: options.features, time: assemblyTime() });
  // The formatter (and chalk with it) is loaded only when there is something to say.
  const diagnostics = linked.diagnostics.length === 0 ? '' : (await import('../format-diagnostic.js')).formatDiagnostics(linked.diagnostics, colour);
  if (!linked.ok) throw new UserError(`${files.join(' ')}: assembly failed`, 1, diagnostics);
  if (diagnostics !== '') streams.stderr.write(diagnostics);
  checkOutputPaths(inputs, outputs); // the files they included are inputs too
  for (const [name, bytes] of linked.files) writeOutputFile(name, bytes);
  if (options.mapFile !== undefined) writeOutputFile(options.mapFile, linked.mapFile);
  if (options.symbols !== undefined) writeOutputFile(options.symbols, symbolFileText(linked.symbols));
  if (options.listing !== undefined) writeOutputFile(options.listing, linked.listing);
  const written = [...linked.files].map(([name, bytes]) => `${bytes.length} bytes → ${name}`).join(', ');
  streams.stdout.write(`${files.map((file) => basename(file)).join(' ')}: ${written || 'no output file'}\n`);
  return 0;
}
