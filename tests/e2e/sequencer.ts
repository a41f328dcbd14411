import {BaseSequencer, type TestSpecification} from 'vitest/node';

/**
 * Seconds each file took in a quiet CI run. Most of a browser test's time is
 * a snippet running against the server's timers, not CPU, so two files run
 * side by side; longest first keeps the two lanes even (a clean clone has no
 * vitest cache to order by). A file not listed goes first: it may be long.
 */
const SECONDS: Record<string, number> = {
  'things-to-try.test.ts': 189,
  'lessons-things-to-try.test.ts': 160,
  'resilience-pages.test.ts': 122,
  'accessibility.test.ts': 104,
  'playground-polish.test.ts': 54,
  'workshop-room.test.ts': 41,
  'site.test.ts': 26,
  'retry-playground.test.ts': 18,
  'request-builder.test.ts': 17,
  'insecure-context.test.ts': 16,
  'simulation.test.ts': 13,
  'http-console.test.ts': 12,
  'playground-flood.test.ts': 10,
};

const expected = (spec: TestSpecification) => SECONDS[spec.moduleId.split('/').pop() ?? ''] ?? Number.POSITIVE_INFINITY;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => expected(b) - expected(a));
  }
}
