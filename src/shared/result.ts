/** The one success-or-error value moth's libraries return instead of throwing: `{ ok, value }` or `{ ok, error }`. */

export type Result<T, E = string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
