/**
 * Keeping the learner's work, all of it inside the browser: the editor text (and the chosen text size) in localStorage (survives a reload),
 * a program in the page's URL fragment (a link to share; fragments never reach a server), and a `.s` download.
 */

const STORAGE_KEY = 'moth.source';
const TEXT_SIZE_KEY = 'moth.textSize';
const FRAGMENT_PREFIX = '#source=';

/** The text kept from the last visit, if any (storage may be disabled, e.g. in some private windows). */
export function loadKept(): string | undefined {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function keep(text: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // Full or disabled storage: the text stays in the editor; nothing else to do.
  }
}

/** The text size (percent) chosen on an earlier visit, if any. */
export function keptTextSize(): number | undefined {
  try {
    const kept = Number(localStorage.getItem(TEXT_SIZE_KEY) ?? Number.NaN);
    return Number.isFinite(kept) ? kept : undefined;
  } catch {
    return undefined;
  }
}

export function keepTextSize(percent: number): void {
  try {
    localStorage.setItem(TEXT_SIZE_KEY, String(percent));
  } catch {
    // As for the text: nothing else to do.
  }
}

/** UTF-8 text as base64url, the URL-safe alphabet without padding. */
export function encodeSource(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The inverse of encodeSource; undefined for text that is not one of its results. */
export function decodeSource(encoded: string): string | undefined {
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (character) => character.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** A link to this page that opens `text` in the editor. */
export function shareLink(text: string, location: Location = window.location): string {
  return `${location.href.replace(/#.*$/, '')}${FRAGMENT_PREFIX}${encodeSource(text)}`;
}

/** The program a shared link carries, if the page was opened from one. */
export function sharedSource(hash: string = window.location.hash): string | undefined {
  return hash.startsWith(FRAGMENT_PREFIX) ? decodeSource(hash.slice(FRAGMENT_PREFIX.length)) : undefined;
}

/** Saves `text` as a file through the browser's own download (no server involved). */
export function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
