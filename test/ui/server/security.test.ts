import { describe, expect, it } from 'vitest';
import {
  allowedHost,
  checkRequest,
  createGuard,
  newToken,
} from '../../../src/ui/server/security.ts';

const token = 'T'.repeat(43);
const guard = createGuard('127.0.0.1', 4123, token);
const get = (url: string, headers: Record<string, string> = {}) =>
  checkRequest(guard, { method: 'GET', url, headers: { host: '127.0.0.1:4123', ...headers } });

describe('the token', () => {
  it('is 32 random bytes, URL-safe, different every time', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
  });

  it('must start the path; what follows it is the path the routes see', () => {
    expect(get(`/${token}/`)).toEqual({ path: '' });
    expect(get(`/${token}/api/jobs?x=1`)).toEqual({ path: 'api/jobs?x=1' });
    expect(get(`/${token}`)).toEqual({ path: '' });
  });

  it('refuses a request without it, with a wrong one, or with it elsewhere than first', () => {
    for (const url of [
      '/',
      '/api/jobs',
      `/${token.slice(1)}/`,
      `/${token}x/`,
      `/x/${token}/`,
      `/?token=${token}`,
    ]) {
      const refused = get(url);
      expect(refused, url).toMatchObject({ status: 403 });
      expect(JSON.stringify(refused)).not.toContain(token);
    }
  });
});

describe('the Host header (DNS rebinding)', () => {
  it('accepts the loopback names and the bound address with the port', () => {
    for (const host of ['127.0.0.1:4123', 'localhost:4123', 'LOCALHOST:4123', '[::1]:4123']) {
      expect(get(`/${token}/`, { host }), host).toEqual({ path: '' });
    }
  });

  it('refuses other names, other ports and a missing Host', () => {
    for (const host of [
      'evil.example:4123',
      'evil.example',
      '127.0.0.1:80',
      '127.0.0.1',
      'localhost.evil.example:4123',
      '',
    ]) {
      expect(get(`/${token}/`, { host }), host).toMatchObject({ status: 403 });
    }
  });

  it('bound to every interface: any IP literal on the port, still no names', () => {
    const open = createGuard('0.0.0.0', 4123, token);
    expect(allowedHost(open, '192.168.1.20:4123')).toBe(true);
    expect(allowedHost(open, '[fe80::1]:4123')).toBe(true);
    expect(allowedHost(open, '192.168.1.20:4124')).toBe(false);
    expect(allowedHost(open, 'my-laptop.local:4123')).toBe(false);
  });

  it('bound to a named host: that name too', () => {
    const named = createGuard('dev-box', 4123, token);
    expect(allowedHost(named, 'dev-box:4123')).toBe(true);
    expect(allowedHost(named, 'other-box:4123')).toBe(false);
  });
});

describe('Origin and fetch metadata (CSRF)', () => {
  const post = (headers: Record<string, string>) =>
    checkRequest(guard, {
      method: 'POST',
      url: `/${token}/api/jobs/ftjob-1/cancel`,
      headers: { host: '127.0.0.1:4123', 'content-type': 'application/json', ...headers },
    });

  it('accepts a same-origin JSON POST', () => {
    expect(post({ origin: 'http://127.0.0.1:4123' })).toEqual({ path: 'api/jobs/ftjob-1/cancel' });
  });

  it('refuses a POST from another origin, another port, a null origin, or none', () => {
    for (const origin of [
      'http://evil.example',
      'http://127.0.0.1:9999',
      'null',
      'https://127.0.0.1:4123',
    ]) {
      expect(post({ origin }), origin).toMatchObject({ status: 403 });
    }
    expect(post({})).toMatchObject({ status: 403 });
  });

  it('refuses a POST that is not JSON (a form another site could send without asking)', () => {
    expect(
      post({
        origin: 'http://127.0.0.1:4123',
        'content-type': 'application/x-www-form-urlencoded',
      }),
    ).toMatchObject({ status: 403 });
  });

  it('refuses other methods', () => {
    const put = checkRequest(guard, {
      method: 'PUT',
      url: `/${token}/api/jobs`,
      headers: {
        host: '127.0.0.1:4123',
        origin: 'http://127.0.0.1:4123',
        'content-type': 'application/json',
      },
    });
    expect(put).toMatchObject({ status: 403 });
  });

  it('refuses a cross-site fetch of data, but lets a link from elsewhere open the page', () => {
    expect(
      get(`/${token}/api/jobs`, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' }),
    ).toMatchObject({ status: 403 });
    expect(
      get(`/${token}/api/jobs`, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }),
    ).toMatchObject({ status: 403 });
    expect(
      get(`/${token}/`, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }),
    ).toEqual({
      path: '',
    });
  });

  it('refuses a GET that names a foreign Origin', () => {
    expect(get(`/${token}/api/jobs`, { origin: 'http://evil.example' })).toMatchObject({
      status: 403,
    });
  });
});
