/** Runs scripts/simulate.ts as the user would (through tsx) and checks its contract. */
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const root = join(__dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function simulate(...args: string[]) {
  const r = spawnSync(tsx, [join(root, 'scripts', 'simulate.ts'), ...args], {cwd: root, encoding: 'utf8'});
  return {code: r.status, stdout: r.stdout, stderr: r.stderr};
}

describe('scripts/simulate.ts', {timeout: 60_000}, () => {
  it('--json prints per-strategy mean calls and completion time', () => {
    const r = simulate(
      '--scenario',
      'occ',
      '--clients',
      '100',
      '--strategy',
      'full',
      '--runs',
      '20',
      '--seed',
      '1',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({scenario: 'occ', clients: 100, runs: 20, seed: 1});
    expect(json.strategies).toHaveLength(1);
    expect(json.strategies[0]).toEqual({
      strategy: 'full',
      meanCalls: expect.any(Number),
      meanWrites: expect.any(Number),
      meanCompletionMs: expect.any(Number),
    });
  });

  it('--strategy all gives every strategy; the table form works too', () => {
    const r = simulate('--scenario=occ', '--clients=20', '--strategy=all', '--runs=2', '--json');
    expect(JSON.parse(r.stdout).strategies.map((s: {strategy: string}) => s.strategy)).toEqual([
      'none',
      'exponential',
      'full',
      'equal',
      'decorrelated',
    ]);
    const table = simulate('--scenario', 'amplification', '--layers', '2', '--runs', '1');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('worst case 3^2 = 9');
  });

  it('bad flags: a clear message and exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['--scenario', 'occ', '--clients', 'many'], /--clients must be a number/],
      [['--scenario', 'occ', '--clients', '10', '--strategy', 'fast'], /unknown strategy "fast"/],
      [['--scenario', 'occ'], /--clients is required/],
      [['--scenario', 'occ', '--clients', '10', '--layers', '2'], /--layers does not apply/],
      [['--scenario', 'occ', '--clients', '0'], /clients must be an integer/],
      [['--frobnicate'], /unknown flag --frobnicate/],
      [['--scenario', 'lottery'], /unknown scenario "lottery"/],
    ];
    for (const [args, message] of cases) {
      const r = simulate(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
