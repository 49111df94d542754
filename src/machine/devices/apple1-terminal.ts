/**
 * The Apple-1's keyboard and display as wired to its 6821 PIA: port A bits 0–6 carry the key's ASCII code
 * and bit 7 is tied high, the keyboard's strobe is CA1 (Wozmon waits for its flag in CRA bit 7); port B bits
 * 0–6 go to the display and bit 7 reads the display's busy line, here always ready (0). The display takes
 * each character at once and says so on CB1 ("ready for data"), which sets CRB bit 7 for code that polls it
 * and ends the CB2 write strobe.
 *
 * A key is taken from the console channel when the program looks at port A and no key is waiting, so
 * Wozmon's polling loop sees each typed (or piped) character in turn.
 */
import type { ConsoleChannel } from '../console-channel.js';
import type { Pia6821, PiaPeripheral, PiaSide } from './pia-6821.js';

const PA7_TIED_HIGH = 0x80;
const DISPLAY_READY = 0x7f;

export class Apple1Terminal implements PiaPeripheral {
  /** The last key struck (bits 0–6). */
  private key = 0;

  constructor(private readonly channel: ConsoleChannel | undefined) {}

  inputPins(side: PiaSide): number {
    return side === 'a' ? this.key | PA7_TIED_HIGH : DISPLAY_READY;
  }

  portWritten(side: PiaSide, pins: number, pia?: Pia6821): void {
    if (side !== 'b') return;
    this.channel?.write(pins & 0x7f);
    // Ready for the next character: a pulse on CB1, so whichever edge CRB selects, its flag goes up.
    pia?.setC1('b', true);
    pia?.setC1('b', false);
  }

  beforeRead(side: PiaSide, pia: Pia6821): void {
    if (side !== 'a' || pia.c1Flag('a')) return;
    const key = this.channel?.take();
    if (key === undefined) return;
    this.key = key & 0x7f;
    // The strobe pulses: whichever edge CRA selects, the flag goes up.
    pia.setC1('a', true);
    pia.setC1('a', false);
  }

  saveState(): number {
    return this.key;
  }

  restoreState(state: unknown): void {
    this.key = typeof state === 'number' ? state : 0;
  }
}
