import { expect } from 'chai';
import { en } from './en';
import { nl } from './nl';
import { formatDate } from './dates';
import { translate, translatePlural } from './translate';

describe('i18n', () => {
  it('has an English text for every Dutch key, and no empty text', () => {
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(nl).sort());
    for (const text of [...Object.values(nl), ...Object.values(en)]) expect(text.trim()).to.not.equal('');
  });

  it('fills placeholders and formats numbers per language', () => {
    expect(translatePlural('nl', 'list.count', 1234, { shown: 12, total: 1234 })).to.equal('12 van 1.234 scholen');
    expect(translatePlural('en', 'list.count', 1234, { shown: 12, total: 1234 })).to.equal('12 of 1,234 schools');
    expect(translatePlural('nl', 'legend.schools', 1)).to.equal('1 school');
    expect(translate('en', 'home.heading')).to.equal('Schools in Rijnmond');
  });

  it('writes dates with the Dutch locale', () => {
    expect(formatDate('2024-11-22', 'nl')).to.equal('22 november 2024');
    expect(formatDate('2024-11-22', 'en')).to.equal('22 November 2024');
  });
});
