// One open toolbar: its host element and shadow root, the stats it fetched, and the page copy they were
// matched against. Changing the dates or the URL match fetches again; the kinds only re-count. Closing
// removes every element and listener it added and the parameters posthog-js would reopen it from.

import { readRows } from './chain.js';
import { aggregate } from './aggregation.js';
import { DEFAULT_DATE_FROM, DEFAULT_KINDS, DEFAULT_URL_MODE, STORED_PARAMS_KEY, failureMessage, statsUrl } from './launch.js';
import { indexPage } from './page-index.js';
import { browserTree, copyTree } from './page-tree.js';
import { matchRows } from './matching.js';
import { Overlay } from './overlay.js';
import { Panel } from './panel.js';
import { STYLES } from './styles.js';

export const HOST_ID = 'clickmap-toolbar';
// posthog-js leaves out of autocapture, rage and dead clicks whatever sits in these classes
const UNCAPTURED = 'ph-no-capture toolbar-global-fade-container';

export class Toolbar {
  /** @param {import('./launch.js').Launch} launch */
  constructor(launch) {
    this.launch = launch;
    this.view = { dateFrom: DEFAULT_DATE_FROM, urlMode: DEFAULT_URL_MODE, kinds: new Set(DEFAULT_KINDS) };
    this.request = 0;
    this.rows = [];
    this.matches = new Map();
    this.matchMs = 0;
    this.ready = false; // rows fetched and matched for the current view
    this.problem = null;
    this.host = document.createElement('div');
    this.host.id = HOST_ID;
    this.host.className = UNCAPTURED;
    this.host.style.cssText = 'position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
    const shadow = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLES;
    const root = document.createElement('div');
    root.className = 'clickmap-root ' + UNCAPTURED;
    // the page's own key and click handlers have no business with the toolbar's controls
    for (const type of ['click', 'keydown', 'keyup', 'keypress']) root.addEventListener(type, (e) => e.stopPropagation());
    shadow.append(style, root);
    this.overlay = new Overlay(root);
    this.panel = new Panel(root, this.view, {
      onDateFrom: (dateFrom) => this.change({ dateFrom }),
      onUrlMode: (urlMode) => this.change({ urlMode }),
      onKinds: (kinds) => { this.view.kinds = kinds; this.render(); },
      onSelect: (placed) => this.overlay.select(placed),
      onRefresh: () => this.load(),
      onClose: () => this.close(),
    });
    let scheduled = false;
    this.reposition = () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => { scheduled = false; this.overlay.position(); });
    };
  }

  /** @param {string|null} problem why the launch cannot be used, shown instead of fetching */
  open(page, problem = null) {
    this.problem = problem;
    page.body.append(this.host);
    // capture: scrolling inside any container moves the elements too
    addEventListener('scroll', this.reposition, { capture: true, passive: true });
    addEventListener('resize', this.reposition, { passive: true });
    this.load();
  }

  /** Takes the toolbar off the page, leaving posthog-js's stored parameters (a new launch replaces it). */
  remove() {
    this.request++;
    removeEventListener('scroll', this.reposition, { capture: true });
    removeEventListener('resize', this.reposition);
    this.host.remove();
  }

  /** The close button: off the page, and not reopened on the next page load. */
  close() {
    this.remove();
    try {
      localStorage.removeItem(STORED_PARAMS_KEY);
    } catch {
      // storage refused (privacy mode): posthog-js cannot reopen the toolbar from it either
    }
  }

  change(part) {
    Object.assign(this.view, part);
    this.load();
  }

  async load() {
    const request = ++this.request;
    this.ready = false;
    this.overlay.draw([]);
    if (this.problem !== null) {
      this.panel.failed(this.problem);
      return;
    }
    this.panel.loading();
    let answer;
    try {
      answer = await fetchJson(statsUrl(this.launch, this.view, location.href));
    } catch {
      answer = { status: 0, body: null };
    }
    if (request !== this.request) return; // a newer view was asked for meanwhile, or the toolbar closed
    if (answer.status !== 200) {
      this.rows = [];
      this.panel.failed(failureMessage(answer.status, answer.body));
      return;
    }
    this.rows = readRows(answer.body);
    const started = performance.now();
    this.matches = matchRows(this.rows, indexPage(copyTree(document.documentElement, browserTree, (e) => e === this.host)));
    this.matchMs = performance.now() - started;
    this.ready = true;
    this.render();
  }

  render() {
    if (!this.ready) return; // the kinds re-count once the fetch in flight has been matched
    const clickmap = aggregate(this.rows, this.matches, this.view.kinds);
    this.overlay.draw(clickmap.elements);
    this.panel.show(clickmap, this.matchMs);
  }
}

async function fetchJson(url) {
  const response = await fetch(url, { credentials: 'omit', headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    // an error page that is not JSON: the status alone tells what happened
  }
  return { status: response.status, body };
}
