/** The page's entry: finds its elements, restores the learner's text (a shared link, else the kept text), starts. */
import { PROGRAMS } from 'moth:content';
import { prepareWasmCore } from '../cpu/engine/wasm-core.js';
import { WebApp, type AppElements } from './app.js';
import { loadKept, sharedSource } from './storage.js';
import { TourPanel } from './tour.js';

const FIRST_PROGRAM = 'programs/hello.s';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

function start(): void {
  const elements: AppElements = {
    editor: element('editor'),
    buttons: element('buttons'),
    speed: element('speed'),
    machine: element('machine'),
    textSize: element('text-size'),
    fileName: element('file-name'),
    fileState: element('file-state'),
    explain: element('explain'),
    bus: element('bus'),
    notes: element('notes'),
    debuggerPanel: element('debugger'),
    registers: element('registers'),
    displayBox: element('display-box'),
    display: element('display'),
    stack: element('stack'),
    watches: element('watches'),
    disassembly: element('disassembly'),
    memory: element('memory'),
    console: element('console'),
    consoleForm: element('console-form'),
    consoleInput: element('console-input'),
    status: element('status'),
    promptForm: element('prompt-form'),
    promptLabel: element('prompt-label'),
    promptInput: element('prompt-input'),
    help: element('help'),
    helpText: element('help-text'),
  };
  const shared = sharedSource();
  const text = shared ?? loadKept() ?? PROGRAMS[FIRST_PROGRAM] ?? '';
  const app = new WebApp(elements, text, shared !== undefined ? 'shared.s' : 'program.s');
  new TourPanel(app, {
    layout: element('layout'),
    panel: element('tour'),
    toggle: element('tour-toggle'),
    chapter: element('chapter'),
    open: element('chapter-open'),
    text: element('tour-text'),
  });
  const programs = element<HTMLSelectElement>('program');
  programs.append(new Option('a program…', ''));
  for (const path of Object.keys(PROGRAMS)) programs.append(new Option(path.replace(/^programs\//, ''), path));
  programs.addEventListener('change', () => {
    const path = programs.value;
    const text = PROGRAMS[path];
    if (text !== undefined) app.openProgram(text, path.slice(path.lastIndexOf('/') + 1));
    programs.value = '';
  });
  element('share').addEventListener('click', () => app.share());
  element('download').addEventListener('click', () => app.downloadSource());
  element('help-button').addEventListener('click', () => app.perform('help'));
  // For the browser tests and the curious: the app, from the console.
  (window as unknown as { moth: WebApp }).moth = app;
  document.body.dataset['ready'] = 'true';
  performance.mark('moth-ready'); // scripts/measure-web.mjs reads it: time to interactive
}

// The wasm core is compiled first, off the main thread (a browser will not compile it synchronously); should
// that fail, machines run the TypeScript loop, as they do wherever WebAssembly is missing.
void prepareWasmCore()
  .catch(() => undefined)
  .finally(start);
