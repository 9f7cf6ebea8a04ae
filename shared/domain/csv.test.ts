import { expect } from 'chai';
import fc from 'fast-check';
import { toCsv, toCsvCell } from './csv';

describe('toCsv', () => {
  it('writes a header row and one CRLF-terminated line per row', () => {
    const csv = toCsv(
      [{ n: 'GLR', k: 3 }],
      [
        { header: 'naam', value: (r) => r.n },
        { header: 'aantal', value: (r) => r.k },
      ],
    );
    expect(csv).to.equal('naam,aantal\r\nGLR,3\r\n');
  });

  it('prefixes a quote to text that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = toCsvCell(`${start}HYPERLINK("http://x")`);
      expect(cell.replace(/^"/, '').startsWith(`'${start}`), JSON.stringify(start)).to.equal(true);
    }
    expect(toCsvCell('=1+1')).to.equal("'=1+1");
  });

  it('leaves numbers, plain text and empty values alone', () => {
    expect(toCsvCell(-3)).to.equal('-3');
    expect(toCsvCell('Rotterdam')).to.equal('Rotterdam');
    expect(toCsvCell(null)).to.equal('');
    expect(toCsvCell(undefined)).to.equal('');
    expect(toCsvCell(true)).to.equal('true');
  });

  it('quotes commas, semicolons, quotes and line breaks', () => {
    expect(toCsvCell('a,b')).to.equal('"a,b"');
    expect(toCsvCell('a;b')).to.equal('"a;b"');
    expect(toCsvCell('zeg "hoi"')).to.equal('"zeg ""hoi"""');
    expect(toCsvCell('a\nb')).to.equal('"a\nb"');
  });

  it('never lets a text cell start with a formula character (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = toCsvCell(s);
        const inner = cell.startsWith('"') ? cell.slice(1) : cell;
        expect(/^[=+\-@\t\r]/.test(inner)).to.equal(false);
      }),
      { numRuns: 2000 },
    );
  });
});
