export * from './errors.js';
export * from './handshake.js';
export * from './magic.js';
export * from './packet-fifo.js';
export * from './pbuf-layout.js';
export * from './pbuf.js';
export * from './shared-memory.js';
export * from './spsc-pbuf.js';
