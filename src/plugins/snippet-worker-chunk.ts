import type {Plugin} from '@docusaurus/types';

/**
 * The snippet workers' chunks: the `name` runner.ts and compiler.ts give
 * `new Worker`, which the bundler takes as the chunk's.
 */
export const snippetWorkerChunks: ReadonlySet<string> = new Set(['beamline-snippet', 'beamline-compiler']);

interface ChunkLike {
  name?: string | null;
  canBeInitial(): boolean;
}

/**
 * The chunks splitChunks may take modules out of: Docusaurus leaves it at the
 * bundler's default, every async chunk, less the snippet worker's.
 */
export function splittable(chunk: ChunkLike): boolean {
  return !chunk.canBeInitial() && !snippetWorkerChunks.has(chunk.name ?? '');
}

/**
 * Keeps each snippet worker in one script. Split, the run's worker loaded
 * Connect, protobuf and sucrase as three more chunks, with `importScripts`
 * one after another (~50 ms of each spare worker's start-up), and a spare
 * starts with every Run: on two cores its start-up slows the next Run. A
 * worker has its own module registry, so the shared chunks saved it nothing
 * but a download that the HTTP cache answers after the first.
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
