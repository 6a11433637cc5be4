// The part of drawille-canvas-blessed-contrib (blessed-contrib's braille canvas) that tokentop uses.
declare module 'drawille-canvas-blessed-contrib' {
  class Context {
    constructor(width: number, height: number);
    strokeStyle: string;
    beginPath(): void;
    moveTo(x: number, y: number): void;
    lineTo(x: number, y: number): void;
    stroke(): void;
    readonly _canvas: { frame(delimiter?: string): string };
  }
  export = Context;
}
