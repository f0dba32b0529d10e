/**
 * A block of consecutive free TCP ports for a CLI run that serves the simulated portals on fixed
 * ports (`xxgk demo --base-port`). Fixed numbers inside Linux's ephemeral range (32768–60999)
 * collide now and then with the outgoing connections of anything else running; blocks are drawn
 * below it and checked by binding every port of the block.
 */
import { createServer } from 'node:net';

const LOW = 20000;
const HIGH = 32000;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = LOW + Math.floor(Math.random() * (HIGH - LOW - count));
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await bindable(p);
    if (ok) return base;
  }
  throw new Error(`no block of ${count} free ports between ${LOW} and ${HIGH}`);
}

/** Ports `xxgk demo` may take from its base: its portals (11 today), with room to grow. */
export const DEMO_PORTS = 32;
