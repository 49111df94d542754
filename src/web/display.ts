/** Paints the machine's 32×32 display (easy6502's, at $0200) on a canvas, one canvas pixel per display pixel. */
import { DISPLAY_HEIGHT, DISPLAY_WIDTH, PALETTE } from '../machine/devices/display.js';

/** The palette as RGB bytes, read once from the machine's table. */
const RGB: readonly (readonly [number, number, number])[] = PALETTE.map((colour) => {
  const value = Number.parseInt(colour.rgb.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff] as const;
});

export class DisplayCanvas {
  private readonly context: CanvasRenderingContext2D;
  private readonly image: ImageData;
  private last = new Uint8Array(0);

  constructor(readonly canvas: HTMLCanvasElement) {
    canvas.width = DISPLAY_WIDTH;
    canvas.height = DISPLAY_HEIGHT;
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('this browser cannot draw on a canvas');
    this.context = context;
    this.image = context.createImageData(DISPLAY_WIDTH, DISPLAY_HEIGHT);
  }

  /** Draws the 1,024 pixel bytes (only when they differ from the last frame). */
  draw(pixels: Uint8Array): void {
    if (pixels.length === this.last.length && pixels.every((value, index) => value === this.last[index])) return;
    this.last = pixels.slice();
    const data = this.image.data;
    for (let index = 0; index < DISPLAY_WIDTH * DISPLAY_HEIGHT; index++) {
      const [red, green, blue] = RGB[(pixels[index] ?? 0) & 0x0f]!;
      data[index * 4] = red;
      data[index * 4 + 1] = green;
      data[index * 4 + 2] = blue;
      data[index * 4 + 3] = 255;
    }
    this.context.putImageData(this.image, 0, 0);
  }
}
