import { describe, expect, test } from "vitest";
import { ChunkedResponseReader } from "./chunked-response";

const HEAD = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const EVENTS = ['event: ready\ndata: {}\n\n', 'event: tickers\ndata: [{"symbol":"BTC-USDT","note":"é€"}]\n\n', ": heartbeat\n\n"];
const RESPONSE = Buffer.from(HEAD + EVENTS.map(chunk).join("") + "0\r\n\r\n");

// Reads arrive in one buffer that the socket reuses: each piece is copied into it and scribbled over
// after the push, so anything the reader keeps across reads must be its own copy.
function readInPieces(response: Buffer, cuts: number[]) {
  const shared = Buffer.alloc(response.length);
  const body: Buffer[] = [];
  const reader = new ChunkedResponseReader((bytes) => body.push(Buffer.from(bytes)));
  const results: string[] = [];
  const bounds = [0, ...cuts, response.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const size = response.copy(shared, 0, bounds[i]!, bounds[i + 1]!);
    results.push(reader.push(shared.subarray(0, size)));
    shared.fill(0x58);
  }
  return { body: Buffer.concat(body).toString("utf8"), result: results.at(-1) };
}

describe("ChunkedResponseReader (bench/sse.ts socket transport)", () => {
  test("the body comes out whole wherever the reads cut the response", () => {
    const expected = EVENTS.join("");
    for (let i = 1; i < RESPONSE.length; i++) {
      for (let j = i; j < RESPONSE.length; j += 7) {
        const { body, result } = readInPieces(RESPONSE, j === i ? [i] : [i, j]);
        expect(body, `cut at ${i}, ${j}`).toBe(expected);
        expect(result).toBe("ended");
      }
    }
    const { body } = readInPieces(RESPONSE, Array.from({ length: RESPONSE.length - 1 }, (_, k) => k + 1));
    expect(body).toBe(expected);
  });

  test("an open stream asks for more; what is not a 200 chunked response fails", () => {
    const open = Buffer.from(HEAD + chunk(EVENTS[0]!));
    expect(readInPieces(open, []).result).toBe("more");
    expect(readInPieces(Buffer.from("HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n"), []).result).toBe("failed");
    expect(readInPieces(Buffer.from("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello"), []).result).toBe("failed");
    expect(readInPieces(Buffer.from(`${HEAD}zz\r\nhello\r\n`), []).result).toBe("failed");
  });
});
