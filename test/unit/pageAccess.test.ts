import { expect } from 'chai';
import { PERMISSIONS } from '../../backend/http/authorization';
import { ROLES } from '../../shared/api/auth';
import { canOpen, PAGE_ACCESS, rolesFor, type Page, type Viewer } from '../../frontend/model/pageAccess';

const VIEWERS: readonly Viewer[] = ['anonymous', ...ROLES];

describe('page access (frontend copy of the permission table)', () => {
  for (const page of Object.keys(PAGE_ACCESS) as Page[]) {
    it(`${page}: opens for exactly the viewers the server allows ${PAGE_ACCESS[page].action} for`, () => {
      const row = PERMISSIONS[PAGE_ACCESS[page].action];
      const allowed = VIEWERS.filter((v) => row[v] !== 'deny');
      // "Mijn aanvragen" is the school contact's own list; crew and coordinators have the inbox and planning instead.
      const expected = page === 'mine' ? allowed.filter((v) => row[v] === 'own') : allowed;
      expect(VIEWERS.filter((v) => canOpen(v, page))).to.have.members(expected);
      expect(rolesFor(page)).to.have.members(expected.filter((v) => v !== 'anonymous'));
    });
  }
});
