// The part of drawille-canvas-blessed-contrib (blessed-contrib's braille canvas) that tokentop uses.
declare module 'drawille-canvas-blessed-contrib' {
  class Context {
    constructor(width: number, height: number);
    strokeStyle: string;
    beginPath(): void;
    moveTo(x: number, y: number): void;
    lineTo(x: number, y: number): void;
    stroke(): void;
    /** The braille cells, row by row: a dot mask and a colour (an SGR escape, or a 0-9 code) per cell. */
    readonly _canvas: { readonly width: number; readonly height: number; readonly content: Uint8Array; readonly colors: Array<string | number | null | undefined> };
  }
  export = Context;
}
