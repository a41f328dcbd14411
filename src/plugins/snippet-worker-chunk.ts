import type {Plugin} from '@docusaurus/types';

/** The snippet worker's chunk: the `name` runner.ts gives `new Worker`, which the bundler takes as the chunk's. */
export const snippetWorkerChunk = 'beamline-snippet';

interface ChunkLike {
  name?: string | null;
  canBeInitial(): boolean;
}

/**
 * The chunks splitChunks may take modules out of: Docusaurus leaves it at the
 * bundler's default, every async chunk, less the snippet worker's.
 */
export function splittable(chunk: ChunkLike): boolean {
  return !chunk.canBeInitial() && chunk.name !== snippetWorkerChunk;
}

/**
 * Keeps the snippet worker in one script. Split, it loaded Connect, protobuf
 * and sucrase as three more chunks, with `importScripts` one after another
 * (~50 ms of each spare worker's start-up), and a spare starts with every
 * Run: on two cores its start-up slows the next Run. A worker has its own
 * module registry, so the shared chunks saved it nothing but a download that
 * the HTTP cache answers after the first.
 */
export default function snippetWorkerChunkPlugin(): Plugin {
  return {
    name: 'beamline-snippet-worker-chunk',
    configureWebpack(config, isServer) {
      const splitChunks = config.optimization?.splitChunks;
      if (isServer || !splitChunks) return {};
      splitChunks.chunks = splittable;
      return {};
    },
  };
}
