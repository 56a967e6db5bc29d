/** The end of a byte stream, and how much of its start was dropped. @public */
export interface StreamTail {
  text: string;
  /** Bytes dropped from the start (0 when the whole stream fit). */
  cutBytes: number;
  /** The most bytes of the stream held at once while reading (the limit plus about a chunk). */
  maxHeldBytes: number;
}

/**
 * Reads a stream keeping only its last `limitBytes` bytes in memory, so a server that sends
 * far more than asked (50 MB of log) cannot grow memory. When bytes were dropped, the kept
 * part starts at a line boundary (the partial first line is dropped too and counted).
 */
export async function readTail(
  body: AsyncIterable<Uint8Array> | null | undefined,
  limitBytes: number,
): Promise<StreamTail> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let cutBytes = 0;
  let maxHeldBytes = 0;
  for await (const chunk of body ?? []) {
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    chunks.push(buffer);
    kept += buffer.length;
    maxHeldBytes = Math.max(maxHeldBytes, kept);
    // Drop whole chunks that lie entirely before the last limitBytes.
    while (chunks.length > 1 && kept - chunks[0].length >= limitBytes) {
      kept -= chunks[0].length;
      cutBytes += chunks.shift()!.length;
    }
  }
  let all = Buffer.concat(chunks);
  if (all.length > limitBytes) {
    cutBytes += all.length - limitBytes;
    all = all.subarray(all.length - limitBytes);
  }
  if (cutBytes > 0) {
    const newline = all.indexOf(0x0a);
    if (newline >= 0 && newline < all.length - 1) {
      cutBytes += newline + 1;
      all = all.subarray(newline + 1);
    }
  }
  return { text: all.toString('utf8'), cutBytes, maxHeldBytes };
}

/** `48.2 MB`, `70 KB`: a byte count for a message. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
