import { describe, expect, it } from 'vitest';
import { afterLogin } from './LoginPage';

const as = (...roles: string[]) =>
  ({ roles: roles.map((role) => ({ role, regionCode: '370102', regionName: '' })) }) as never;

describe('where sign-in leads', () => {
  it('returns to the page that asked, only on this site', () => {
    expect(afterLogin('/supervisor/tasks', as('citizen_supervisor'))).toBe('/supervisor/tasks');
    expect(afterLogin('/assessment/review?x=1', as('city_approver'))).toBe('/assessment/review?x=1');
    expect(afterLogin('//evil.example/x', as('city_approver'))).toBe('/');
    expect(afterLogin('https://evil.example/', as('city_approver'))).toBe('/');
    expect(afterLogin('/login?next=/x', as('city_approver'))).toBe('/');
  });

  it('sends a supervisor-only account to its phone task list, everyone else to the desk', () => {
    expect(afterLogin(null, as('citizen_supervisor'))).toBe('/supervisor/tasks');
    expect(afterLogin(null, as('county_operator'))).toBe('/');
    expect(afterLogin(null, as())).toBe('/');
  });
});
