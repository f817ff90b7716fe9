// One slow network link shared by every connection of a test server, for benchmarks on a
// reference mobile profile. Shaping at the server (rather than in the browser) slows every
// request the page makes, its web workers' included.

/** Bytes a connection may send at a time: small enough that concurrent responses take
 *  turns every few milliseconds, as they share a real link. */
const CHUNK_BYTES = 2048;

/** A link of `bitsPerSecond` that the sockets `attach`ed to it share in round-robin
 *  chunks. `bytesSent(at)` counts the bytes it carried, headers included, by the time `at`
 *  (ms since the epoch, as a page's performance.timeOrigin + performance.now()) or by now. */
export function slowLink(bitsPerSecond) {
  const flows = []; // one per attached socket: { socket, pieces, ending }
  let turn = 0; // the flow that sends next
  let freeAt = 0; // when (performance.now() ms) the link has carried what it was given
  let timer = null;
  let sent = 0;
  const history = []; // [when (ms since the epoch), bytes sent by then], one per chunk

  /** The next flow, in turn, that has bytes waiting. */
  function nextWithBytes() {
    for (let i = 0; i < flows.length; i++) {
      const flow = flows[(turn + i) % flows.length];
      if (flow.pieces.length > 0) {
        turn = (turn + i + 1) % flows.length;
        return flow;
      }
    }
    return null;
  }

  /** Takes up to CHUNK_BYTES off the front of a flow's queue, with the write callbacks
   *  of the pieces it finishes. */
  function takeChunk(flow) {
    const parts = [];
    const callbacks = [];
    let room = CHUNK_BYTES;
    while (room > 0 && flow.pieces.length > 0) {
      const piece = flow.pieces[0];
      const part = piece.bytes.subarray(0, room);
      parts.push(part);
      room -= part.length;
      piece.bytes = piece.bytes.subarray(part.length);
      if (piece.bytes.length === 0) {
        flow.pieces.shift();
        if (piece.callback) callbacks.push(piece.callback);
      }
    }
    return { bytes: Buffer.concat(parts), callbacks };
  }

  /** Ends the sockets whose end was asked for once their bytes are out. */
  function finishEnded() {
    for (const flow of flows.filter((f) => f.ending && f.pieces.length === 0)) {
      flows.splice(flows.indexOf(flow), 1);
      flow.socket.shapedEnd();
    }
  }

  /** Sends what the link can carry by now; a late timer sends the backlog at once, so
   *  the average rate holds however busy the machine is. */
  function pump() {
    timer = null;
    const now = performance.now();
    while (freeAt <= now) {
      const flow = nextWithBytes();
      if (!flow) break;
      const { bytes, callbacks } = takeChunk(flow);
      flow.socket.shapedWrite(bytes, () => callbacks.forEach((callback) => callback()));
      sent += bytes.length;
      history.push([performance.timeOrigin + performance.now(), sent]);
      freeAt += (bytes.length * 8 * 1000) / bitsPerSecond;
    }
    finishEnded();
    if (flows.some((f) => f.pieces.length > 0)) timer = setTimeout(pump, freeAt - now);
  }

  function wake() {
    if (timer) return;
    freeAt = Math.max(freeAt, performance.now()); // an idle link saves up no bandwidth
    pump();
  }

  /** Routes everything the socket writes through the link. */
  function attach(socket) {
    const flow = { socket, pieces: [], ending: false };
    flows.push(flow);
    socket.shapedWrite = socket.write.bind(socket);
    socket.shapedEnd = socket.end.bind(socket);
    socket.write = (data, encoding, callback) => {
      if (typeof encoding === 'function') [encoding, callback] = [undefined, encoding];
      const bytes = typeof data === 'string' ? Buffer.from(data, encoding) : data;
      flow.pieces.push({ bytes, callback });
      wake();
      return true;
    };
    socket.end = (data, encoding, callback) => {
      if (typeof data === 'function') [data, encoding, callback] = [undefined, undefined, data];
      if (typeof encoding === 'function') [encoding, callback] = [undefined, encoding];
      if (data != null) socket.write(data, encoding);
      if (callback) socket.once('finish', callback);
      flow.ending = true;
      wake();
      return socket;
    };
    socket.once('close', () => {
      const at = flows.indexOf(flow);
      if (at >= 0) flows.splice(at, 1);
    });
  }

  function bytesSent(at = Infinity) {
    let [low, high] = [0, history.length]; // the first chunk sent after `at`
    while (low < high) {
      const middle = (low + high) >> 1;
      if (history[middle][0] <= at) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? 0 : history[low - 1][1];
  }

  return { attach, bytesSent };
}
