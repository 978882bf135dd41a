import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LaunchError, failureMessage, readLaunch, statsUrl } from '../src/launch.js';

// what posthog-js 1.449.2 hands ph_load_toolbar: the launch JSON, with apiURL replaced by the page's ui_host/api_host
const PARAMS = {
  token: 'phc_demo', action: 'ph_authorize', temporaryToken: 'tt_abc-123', apiURL: 'http://localhost:8010',
  clickmapApiURL: 'http://localhost:8000/', environmentId: 1, expiresAt: '2026-01-01T13:00:00Z', userIntent: 'heatmaps',
};

test('the stats API comes from clickmapApiURL, since posthog-js overwrites apiURL', () => {
  assert.deepEqual(readLaunch(PARAMS), { apiUrl: 'http://localhost:8000', environmentId: '1', temporaryToken: 'tt_abc-123' });
});

test('apiURL is used when the launch named no clickmapApiURL (a page whose ui_host is the stats API)', () => {
  const { clickmapApiURL, ...withoutIt } = PARAMS;
  assert.equal(readLaunch(withoutIt).apiUrl, 'http://localhost:8010');
});

test('a launch without a token, an environment or an http(s) API is refused with what is missing', () => {
  assert.throws(() => readLaunch({ ...PARAMS, temporaryToken: '' }), (e) => e instanceof LaunchError && /temporaryToken/.test(e.message));
  assert.throws(() => readLaunch({ ...PARAMS, environmentId: '1; drop' }), /environmentId/);
  assert.throws(() => readLaunch({ ...PARAMS, clickmapApiURL: 'javascript:alert(1)', apiURL: undefined }), /clickmapApiURL/);
  assert.throws(() => readLaunch(null), LaunchError);
});

test('the stats request asks for every kind of this page, with the token, dates and URL match', () => {
  const url = new URL(statsUrl(readLaunch(PARAMS), { dateFrom: '-30d', urlMode: 'simple' }, 'https://shop.example/cart?x=1&y=a b'));
  assert.equal(url.origin + url.pathname, 'http://localhost:8000/api/environments/1/elements/stats/');
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    temporary_token: 'tt_abc-123',
    include: '["$autocapture","$rageclick","$dead_click"]',
    date_from: '-30d',
    paginate_response: 'false',
    properties: '[{"key":"$current_url","value":"https://shop.example/cart?x=1&y=a b","operator":"simple","type":"event"}]',
  });
});

test('a refused token shows the stats API\'s own reason, other failures say what happened', () => {
  assert.equal(failureMessage(401, { detail: 'Toolbar token expired; launch the toolbar again.' }), 'Toolbar token expired; launch the toolbar again.');
  assert.equal(failureMessage(401, null), 'This toolbar link is no longer valid; launch the toolbar again.');
  assert.equal(failureMessage(400, { detail: 'date_from is not a date.' }), 'The stats API answered 400: date_from is not a date.');
  assert.equal(failureMessage(503, null), 'The stats API answered 503.');
  assert.match(failureMessage(0, null), /could not be reached/);
});
