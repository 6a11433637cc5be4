/**
 * The protobuf wire format, read by hand for the few OTLP messages tokentop takes: varints, 64- and
 * 32-bit fixed fields, length-delimited fields; groups (deprecated) are refused. Anything that runs
 * past its end throws: the receiver answers 400.
 */
export class WireError extends Error {}

export class WireReader {
  private pos: number;
  private readonly view: DataView;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const key = this.varint();
    return { field: Math.floor(key / 8), wire: key % 8 };
  }

  /** A varint as a number (exact below 2^53, which every count and time here is). */
  varint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const byte = this.byte();
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new WireError('varint longer than 10 bytes');
  }

  fixed64(): { unsigned: bigint; signed: bigint; double: number } {
    this.need(8);
    const at = this.pos;
    this.pos += 8;
    return { unsigned: this.view.getBigUint64(at, true), signed: this.view.getBigInt64(at, true), double: this.view.getFloat64(at, true) };
  }

  fixed32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A length-delimited field: a reader over its bytes. */
  message(): WireReader {
    const length = this.varint();
    this.need(length);
    const sub = new WireReader(this.buf, this.pos, this.pos + length);
    this.pos += length;
    return sub;
  }

  /** The bytes left, as UTF-8 text (a string field's reader holds just the string). */
  restAsText(): string {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(this.buf.subarray(this.pos, this.end));
    this.pos = this.end;
    return text;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.fixed64();
    else if (wire === 2) this.message();
    else if (wire === 5) this.fixed32();
    else throw new WireError(`wire type ${wire} is not read`);
  }

  private byte(): number {
    this.need(1);
    return this.buf[this.pos++] as number;
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.end) throw new WireError('message cut short');
  }
}
