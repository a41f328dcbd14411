import {readdirSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {takesSlimTslib} from './slim-tslib';
import * as slim from './slim-tslib/tslib';

const require = createRequire(import.meta.url);
const utilsCommon = dirname(require.resolve('@docusaurus/utils-common'));

describe('the slim tslib', () => {
  it("has every helper @docusaurus/utils-common's modules call", () => {
    const called = new Set<string>();
    for (const file of readdirSync(utilsCommon).filter((name) => name.endsWith('.js')))
      for (const [, helper] of readFileSync(join(utilsCommon, file), 'utf8').matchAll(/tslib_1\.(__\w+)/g))
        called.add(helper);
    expect(called.size).toBeGreaterThan(0);
    for (const helper of called) expect(slim, helper).toHaveProperty(helper);
  });
  it('answers as tslib does', () => {
    const tslib = require('tslib') as typeof slim;
    const esModule = {__esModule: true, default: 1};
    const commonJs = {value: 1};
    expect(slim.__importDefault(esModule)).toBe(tslib.__importDefault(esModule));
    expect(slim.__importDefault(commonJs)).toEqual(tslib.__importDefault(commonJs));
    expect(slim.__importDefault(null)).toEqual(tslib.__importDefault(null));
  });
  it('stands in only for utils-common', () => {
    expect(takesSlimTslib('tslib', utilsCommon)).toBe(true);
    expect(takesSlimTslib('tslib', 'C:\\site\\node_modules\\@docusaurus\\utils-common\\lib')).toBe(true);
    expect(takesSlimTslib('tslib', '/site/node_modules/@docusaurus/utils/lib')).toBe(false);
    expect(takesSlimTslib('./tslib', utilsCommon)).toBe(false);
  });
});
