// What the launch link handed the toolbar, through posthog-js, and the requests made with it.
// posthog-js replaces `apiURL` with the page's ui_host (or api_host), so the stats API's address comes
// as `clickmapApiURL`; `apiURL` is only the fallback for a page whose ui_host is the stats API.

export const KINDS = [
  { value: '$autocapture', label: 'Clicks' },
  { value: '$rageclick', label: 'Rage clicks' },
  { value: '$dead_click', label: 'Dead clicks' },
];
export const DEFAULT_KINDS = ['$autocapture'];

export const DATE_RANGES = [
  { value: '-1d', label: 'Yesterday and today' },
  { value: '-7d', label: 'Last 7 days' },
  { value: '-30d', label: 'Last 30 days' },
];
export const DEFAULT_DATE_FROM = '-7d';

export const URL_MODES = [
  { value: 'exact', label: 'This exact URL' },
  { value: 'simple', label: 'This page, any query or scheme' },
];
export const DEFAULT_URL_MODE = 'exact';

/** posthog-js keeps the launch parameters here and reopens the toolbar from them on every page load. */
export const STORED_PARAMS_KEY = '_postHogToolbarParams';

/**
 * @typedef {object} Launch
 * @property {string} apiUrl the stats API's base URL, without a trailing '/'
 * @property {string} environmentId
 * @property {string} temporaryToken
 */

export class LaunchError extends Error {}

/**
 * @param {any} params what posthog-js passed to ph_load_toolbar
 * @returns {Launch}
 * @throws {LaunchError} naming what is missing, for the panel to show
 */
export function readLaunch(params) {
  const given = params && typeof params === 'object' ? params : {};
  const apiUrl = text(given.clickmapApiURL) ?? text(given.apiURL);
  if (apiUrl === null || !/^https?:\/\//i.test(apiUrl)) {
    throw new LaunchError('The launch link names no stats API (clickmapApiURL); open the toolbar from a new launch link.');
  }
  const environmentId = text(String(given.environmentId ?? ''));
  if (environmentId === null || !/^[0-9]{1,18}$/.test(environmentId)) {
    throw new LaunchError('The launch link names no environment (environmentId); open the toolbar from a new launch link.');
  }
  const temporaryToken = text(given.temporaryToken);
  if (temporaryToken === null) {
    throw new LaunchError('The launch link carries no toolbar token (temporaryToken); open the toolbar from a new launch link.');
  }
  return { apiUrl: apiUrl.replace(/\/+$/, ''), environmentId, temporaryToken };
}

/**
 * The stats of the page at `pageUrl`, every kind at once: the kind checkboxes filter without asking again.
 * @param {Launch} launch
 * @param {{dateFrom: string, urlMode: string}} view
 * @param {string} pageUrl
 */
export function statsUrl(launch, view, pageUrl) {
  const query = new URLSearchParams({
    temporary_token: launch.temporaryToken,
    include: JSON.stringify(KINDS.map((kind) => kind.value)),
    date_from: view.dateFrom,
    paginate_response: 'false',
    properties: JSON.stringify([{ key: '$current_url', value: pageUrl, operator: view.urlMode, type: 'event' }]),
  });
  // URLSearchParams writes a space as '+', which the stats API reads back as a space
  return `${launch.apiUrl}/api/environments/${launch.environmentId}/elements/stats/?${query}`;
}

/**
 * The sentence the panel shows for a failed stats request.
 * @param {number} status HTTP status, 0 when the request never got an answer
 * @param {any} body the parsed JSON error, if any
 */
export function failureMessage(status, body) {
  const detail = body && typeof body.detail === 'string' && body.detail !== '' ? body.detail : null;
  if (status === 401) return detail ?? 'This toolbar link is no longer valid; launch the toolbar again.';
  if (status === 403) return detail ?? 'This toolbar link may not read this environment; launch the toolbar again.';
  if (status === 0) return 'The stats API could not be reached; check that it runs and allows this page to call it.';
  return `The stats API answered ${status}${detail ? ': ' + detail : '.'}`;
}

function text(value) {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
