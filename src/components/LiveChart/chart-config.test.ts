import {describe, expect, it} from 'vitest';
import {seriesOf, type ChartConfig} from './chart-config';

const config: ChartConfig = {
  lines: [{series: 'tokens', label: 'tokens', color: '#000'}],
  bands: {series: 'state', colors: {closed: 'green', open: 'red'}},
};

describe('seriesOf', () => {
  it('sorts calls by outcome, line values by series, and turns state changes into spans', () => {
    const series = seriesOf(
      [
        {t: 0, series: 'state', outcome: 'closed'},
        {t: 5, outcome: 'ok'},
        {t: 6, series: 'tokens', outcome: 'level', value: 3},
        {t: 10, series: 'state', outcome: 'open'},
        {t: 12, outcome: 'rejected'},
        {t: 20, outcome: 'ok'},
        {t: 21, series: 'unknown', outcome: 'x'},
      ],
      config,
    );
    expect(series.callsByOutcome.map(([outcome, points]) => [outcome, points.length])).toEqual([
      ['ok', 2],
      ['rejected', 1],
    ]);
    expect(series.lines.get('tokens')).toEqual([{t: 6, series: 'tokens', outcome: 'level', value: 3}]);
    expect(series.bands).toEqual([
      {state: 'closed', from: 0, to: 10},
      {state: 'open', from: 10, to: 21},
    ]);
  });
});
