/**
 * Numbers the guide's prose states, computed from the code that the pages
 * run: if the code or the sentence changes alone, this fails.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {rejectionProbability} from '@beamline/resilience/adaptive-throttle';
import {delays, fullJitterBackoff, noBackoff} from '@beamline/resilience/backoff';
import {runAmplification} from '@beamline/resilience/simulation/amplification';
import {awsArticleNetwork} from '@beamline/resilience/simulation/network';

const page = (path: string) => readFileSync(`docs/${path}`, 'utf8').replace(/\s+/g, ' ');

/** Backend calls one user request makes when every layer makes `tries` attempts and the backend always fails. */
function amplification(layers: number, tries: number): number {
  return runAmplification({
    layers,
    tries,
    requests: 1,
    failureRate: 1,
    backoff: noBackoff(),
    random: () => 0.5,
    network: awsArticleNetwork,
  }).backendCalls;
}

describe('retries multiply through layers', () => {
  it('3 layers of 3 attempts make 27 calls; 3 layers of 3 retries (4 attempts) make 64', () => {
    expect(amplification(3, 3)).toBe(27);
    expect(amplification(3, 4)).toBe(64);
  });

  it.each([
    'resilience/retry-backoff.mdx',
    'resilience/retry-budgets.mdx',
    'resilience/many-clients.mdx',
    'production/troubleshooting.mdx',
  ])('%s calls 27 the product of 3 attempts, never of 3 retries', (path) => {
    const text = page(path);
    const sentences = [...text.matchAll(/[^.:]*3 × 3 × 3 = 27\b[^.]*/g)].map(([sentence]) => sentence);
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) expect(sentence).toMatch(/3 attempts/);
    expect(text).not.toMatch(/retr(y|ies|ying) (3|three) times/);
  });
});

describe('retry with backoff and jitter', () => {
  it("states the snippet's full-jitter ceilings: 100, 200, 400, 800 and 1 600 ms before retries 1 to 5", () => {
    const ceilings = delays(fullJitterBackoff({baseMs: 100, capMs: 2_000}), 5, () => 1);
    expect(ceilings).toEqual([100, 200, 400, 800, 1_600]);
    expect(page('resilience/retry-backoff.mdx')).toContain(
      'at most 100, 200, 400, 800 and 1 600 ms before retries 1 to 5',
    );
    expect(page('resilience/retry-backoff.mdx')).toContain('`min(cap, base · 2ⁿ⁻¹)`');
  });
});

describe("Envoy's admission control against the SRE book's K", () => {
  it('an sr_threshold of 95 % (K = 1/0.95) throttles at a 90 % success rate where K = 2 does not', () => {
    expect(rejectionProbability(100, 90, 1 / 0.95)).toBeGreaterThan(0);
    expect(rejectionProbability(100, 90, 2)).toBe(0);
    const text = page('resilience/backpressure.mdx');
    expect(text).toMatch(/95 % — K ≈ 1\.05, \*more\* aggressive than K = 2/);
    expect(text).toMatch(/an `sr_threshold` of 50 % is K = 2/);
  });
});
