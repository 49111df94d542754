/**
 * Writes a whole number with commas between groups of three digits (96,241,367). Number#toLocaleString gives the
 * same text, but its first call starts ICU, which costs a `moth run` about 15 ms of CPU.
 */
export function groupThousands(value: number): string {
  const [whole, fraction] = String(value).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
