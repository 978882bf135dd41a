// The panel: the view's controls (dates, click kinds, URL match), the most clicked elements, how many
// rows could not be placed, and the error when the stats could not be read. It reports choices through
// callbacks and keeps no state of its own; its ids and data attributes are what the browser test reads.

import { describeElement } from './chain.js';
import { DATE_RANGES, KINDS, URL_MODES } from './launch.js';

export const LISTED_ELEMENTS = 20;

/**
 * @typedef {object} PanelEvents
 * @property {(dateFrom: string) => void} onDateFrom
 * @property {(urlMode: string) => void} onUrlMode
 * @property {(kinds: Set<string>) => void} onKinds
 * @property {(placed: import('./aggregation.js').PlacedElement) => void} onSelect
 * @property {() => void} onRefresh
 * @property {() => void} onClose
 */

export class Panel {
  /**
   * @param {HTMLElement} container
   * @param {{dateFrom: string, urlMode: string, kinds: Set<string>}} view
   * @param {PanelEvents} events
   */
  constructor(container, view, events) {
    this.events = events;
    this.root = create('section', { id: 'clickmap-panel', 'aria-label': 'Clickmap' });
    const close = create('button', { id: 'clickmap-close', type: 'button', 'aria-label': 'Close Clickmap', title: 'Close' }, '×');
    close.addEventListener('click', () => events.onClose());
    this.root.append(create('header', {}, create('h2', {}, 'Clickmap'), close));

    const dates = select('clickmap-date-from', DATE_RANGES, view.dateFrom, (value) => events.onDateFrom(value));
    const urls = select('clickmap-url-mode', URL_MODES, view.urlMode, (value) => events.onUrlMode(value));
    this.root.append(create('label', {}, 'Dates', dates), create('label', {}, 'URL', urls));

    const kinds = create('fieldset', {}, create('legend', {}, 'Count'));
    for (const kind of KINDS) {
      const box = create('input', { type: 'checkbox', name: 'kind', value: kind.value });
      box.checked = view.kinds.has(kind.value);
      box.addEventListener('change', () => {
        const chosen = kinds.querySelectorAll('input[name=kind]');
        events.onKinds(new Set(Array.from(chosen).filter((b) => b.checked).map((b) => b.value)));
      });
      kinds.append(create('label', {}, box, ' ' + kind.label));
    }
    this.root.append(kinds);

    this.message = create('div', {});
    this.summary = create('p', { class: 'clickmap-summary' });
    this.list = create('ol', { class: 'clickmap-list' });
    const refresh = create('button', { id: 'clickmap-refresh', type: 'button' }, 'Refresh');
    refresh.addEventListener('click', () => events.onRefresh());
    this.root.append(this.message, this.summary, this.list, refresh);
    container.append(this.root);
  }

  loading() {
    this.root.dataset.state = 'loading';
    this.message.replaceChildren();
    this.summary.textContent = 'Loading clicks…';
  }

  /** @param {string} text */
  failed(text) {
    this.root.dataset.state = 'error';
    for (const key of ['rows', 'unplaced', 'matchMs']) delete this.root.dataset[key];
    this.message.replaceChildren(create('div', { id: 'clickmap-error', role: 'alert' }, text));
    this.summary.textContent = '';
    this.list.replaceChildren();
  }

  /**
   * @param {import('./aggregation.js').Clickmap} clickmap
   * @param {number} matchMs how long copying the page and matching every row took
   */
  show(clickmap, matchMs) {
    Object.assign(this.root.dataset, {
      state: 'ready',
      rows: String(clickmap.rows),
      unplaced: String(clickmap.unplacedRows),
      matchMs: matchMs.toFixed(1),
    });
    this.message.replaceChildren();
    this.summary.textContent = summary(clickmap);
    this.list.replaceChildren(...clickmap.elements.slice(0, LISTED_ELEMENTS).map((placed) => this.row(placed)));
  }

  row(placed) {
    const item = create('li', { class: 'clickmap-row', 'data-rank': String(placed.rank), 'data-count': String(placed.count) });
    const button = create('button', { type: 'button', title: 'Scroll to it' },
      create('span', { class: 'clickmap-count' }, String(placed.count)),
      create('span', { class: 'clickmap-name' }, describeElement(placed.clicked)));
    button.addEventListener('click', () => {
      for (const other of this.list.children) other.removeAttribute('aria-current');
      item.setAttribute('aria-current', 'true');
      this.events.onSelect(placed);
    });
    item.append(button);
    return item;
  }
}

function summary(clickmap) {
  if (clickmap.rows === 0) return 'No clicks of these kinds on this page in this period.';
  const placed = `${clickmap.totalClicks - clickmap.unplacedClicks} of ${clickmap.totalClicks} clicks on ${clickmap.elements.length} elements.`;
  if (clickmap.unplacedRows === 0) return placed;
  const ambiguous = clickmap.ambiguousRows > 0 ? ` (${clickmap.ambiguousRows} fit several elements)` : '';
  return `${placed} ${clickmap.unplacedRows} recorded elements not found on the page${ambiguous}.`;
}

function select(id, options, chosen, onChange) {
  const element = create('select', { id });
  for (const option of options) {
    const item = create('option', { value: option.value }, option.label);
    item.selected = option.value === chosen;
    element.append(item);
  }
  element.addEventListener('change', () => onChange(element.value));
  return element;
}

function create(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
