// The benchmark's lean HTTP/1.1 response reader for SSE streams read from bare sockets: it checks the
// head (200, chunked) and unframes the chunked body, handing each run of body bytes on as it arrives.
// Reads may cut anything anywhere, the head, a size line or its CRLF included.

const CRLF = Buffer.from("\r\n");
const HEAD_END = Buffer.from("\r\n\r\n");

export type ReadResult = "more" | "ended" | "failed";

export class ChunkedResponseReader {
  private state: "head" | "size" | "data" | "data-end" | "ended" | "failed" = "head";
  /** An unfinished head or size line from the previous read (a copy: read buffers are reused). */
  private carry: Buffer | null = null;
  private remaining = 0;

  /** `onBody` gets views into the read buffer: it must consume them before it returns. */
  constructor(private readonly onBody: (bytes: Buffer) => void) {}

  push(read: Buffer): ReadResult {
    let bytes = read;
    let at = 0;
    while (at < bytes.length && (this.state === "head" || this.state === "size" || this.state === "data" || this.state === "data-end")) {
      if (this.state === "head" || this.state === "size") {
        if (this.carry) {
          bytes = Buffer.concat([this.carry, bytes.subarray(at)]);
          at = 0;
          this.carry = null;
        }
        const marker = this.state === "head" ? HEAD_END : CRLF;
        const end = bytes.indexOf(marker, at);
        if (end < 0) {
          this.carry = Buffer.from(bytes.subarray(at));
          return "more";
        }
        const line = bytes.toString("latin1", at, end);
        at = end + marker.length;
        if (this.state === "head") {
          const ok = /^HTTP\/1\.1 200 /.test(line) && /\r\ntransfer-encoding: *chunked\s*(\r\n|$)/i.test(line);
          this.state = ok ? "size" : "failed";
        } else {
          const size = /^[0-9a-f]+/i.exec(line);
          if (!size) this.state = "failed";
          else {
            this.remaining = Number.parseInt(size[0], 16);
            this.state = this.remaining === 0 ? "ended" : "data";
          }
        }
      } else {
        const take = Math.min(this.remaining, bytes.length - at);
        if (this.state === "data") this.onBody(bytes.subarray(at, at + take));
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) {
          this.state = this.state === "data" ? "data-end" : "size";
          if (this.state === "data-end") this.remaining = CRLF.length;
        }
      }
    }
    return this.state === "ended" ? "ended" : this.state === "failed" ? "failed" : "more";
  }
}
