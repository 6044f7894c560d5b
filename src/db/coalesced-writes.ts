import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

/** The driver's socket channel: each call of `write` is, by default, one system call. */
interface NodeChannel {
  /** Messages queued while the socket connects (null once connected). */
  _pending: unknown[] | null;
  _conn: Socket | undefined;
  write(buffer: unknown): void;
}

let installed: boolean | undefined;

const uncork = (socket: Socket) => socket.uncork();

/**
 * Makes the driver hand each connection's writes of one tick to the socket together: one system call per
 * query, not one per 1,400-byte block. The driver encodes a message in blocks of about 1,400 bytes and
 * writes each block as it fills, so a query text longer than that (the alliance summary's is 2 KB, the
 * company's 3.7 KB) cost two or three socket writes for its RUN and PULL; on the machines profiled a socket
 * write is the largest single cost of an uncached answer (bench/profile.md). The first write of a tick corks
 * the socket and the next tick uncorks it, so Node sends the blocks in one writev, before any I/O is polled.
 *
 * The channel is the driver's internal class (test/integration/db/runner.test.ts counts its writes too);
 * when a driver release moves it, this does nothing and the driver writes as it always did. Returns
 * whether the writes are coalesced. Called by the API's database plugin; scripts and the bench's raw
 * driver keep the driver's own behaviour.
 */
export function coalesceBoltWrites(): boolean {
  if (installed !== undefined) return installed;
  installed = false;
  let channel: { prototype: NodeChannel } | undefined;
  try {
    channel = createRequire(import.meta.url)('neo4j-driver-bolt-connection/lib/channel/node/node-channel.js').default;
  } catch {
    return false;
  }
  const write = channel?.prototype?.write;
  if (typeof write !== 'function') return false;
  channel!.prototype.write = function (this: NodeChannel, buffer: unknown) {
    const socket = this._pending === null ? this._conn : undefined;
    if (socket && !socket.writableCorked && typeof socket.cork === 'function') {
      socket.cork();
      process.nextTick(uncork, socket);
    }
    return write.call(this, buffer);
  };
  installed = true;
  return true;
}
