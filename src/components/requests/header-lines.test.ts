import {describe, expect, it} from 'vitest';
import {parseHeaderLines} from './header-lines';

describe('parseHeaderLines', () => {
  it('reads Name: value lines, skipping blanks and comments', () => {
    expect(parseHeaderLines('X-Tenant-ID: demo\n\n# note\ncontent-type: application/json\nX-Empty:')).toEqual({
      headers: [
        ['X-Tenant-ID', 'demo'],
        ['content-type', 'application/json'],
        ['X-Empty', ''],
      ],
      problems: [],
    });
  });

  it('names the line that is not a header and the headers a browser refuses', () => {
    const {headers, problems} = parseHeaderLines('tenant demo\nHost: example\nBad Name: x\nX-Ok: 1');
    expect(headers).toEqual([['X-Ok', '1']]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/line 1 .*"tenant demo"/);
    expect(problems[1]).toMatch(/line 2: browsers do not let a page set Host/);
    expect(problems[2]).toMatch(/line 3/);
  });

  it('refuses a value the browser cannot send (beyond Latin-1), naming the character, and keeps Latin-1', () => {
    const {headers, problems} = parseHeaderLines('X-City: Zürich\nX-Name: Łódź\nX-Smile: ☺');
    expect(headers).toEqual([['X-City', 'Zürich']]);
    expect(problems).toEqual([
      'Header line 2: your browser cannot send "Ł" in a header value (only Latin-1 characters are allowed). Use plain ASCII, or percent-encode the value.',
      'Header line 3: your browser cannot send "☺" in a header value (only Latin-1 characters are allowed). Use plain ASCII, or percent-encode the value.',
    ]);
  });
});
