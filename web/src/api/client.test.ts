import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, onUnauthenticated, qs, request } from './client';

describe('api client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('builds query strings without empty values', () => {
    expect(qs({ a: 1, b: '', c: undefined, d: null, e: 'x y' })).toBe('?a=1&e=x+y');
    expect(qs({})).toBe('');
  });

  it('turns problem+json into an ApiError carrying both languages, and reports a lost session', async () => {
    const problem = {
      type: 't',
      title: '请先登录',
      status: 401,
      code: 'unauthenticated',
      message: { zh: '请先登录', en: 'Please sign in' },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify(problem), {
            status: 401,
            headers: { 'content-type': 'application/problem+json' },
          }),
      ),
    );
    let told = 0;
    const off = onUnauthenticated(() => told++);
    const err = await request('GET', '/api/v1/auth/me').catch((e: unknown) => e);
    off();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).problem.message.en).toBe('Please sign in');
    expect(told).toBe(1);
  });
});

describe('problem text', () => {
  it('names the fields the server pointed at', async () => {
    const { problemText } = await import('../components/problem');
    const err = new ApiError(400, {
      type: 't',
      title: 'x',
      status: 400,
      code: 'validation_failed',
      message: { zh: '缺少佐证材料', en: 'Evidence missing' },
      errors: [{ path: 'evidence.X-HM-01', message: 'required' }],
    });
    // The field is named by its label (the indicator code stays visible), never as a bare path.
    expect(problemText(err, 'en')).toMatch(/^Evidence missing \(.*X-HM-01.*\)$/);
    expect(problemText(err, 'en')).not.toContain('evidence.X-HM-01');
    expect(problemText(new Error('x'), 'zh')).toContain('网络错误');
  });
});
