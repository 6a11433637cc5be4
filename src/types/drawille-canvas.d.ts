// The part of drawille-canvas-blessed-contrib (blessed-contrib's braille canvas) that tokentop uses.
declare module 'drawille-canvas-blessed-contrib' {
  class Context {
    constructor(width: number, height: number);
    strokeStyle: string;
    beginPath(): void;
    moveTo(x: number, y: number): void;
    lineTo(x: number, y: number): void;
    stroke(): void;
    /** The braille cells: a dot mask and a colour code (0-7, 9 = default) per cell, row by row. */
    readonly _canvas: { readonly width: number; readonly height: number; readonly content: Uint8Array; readonly colors: Array<number | null | undefined> };
  }
  export = Context;
}
