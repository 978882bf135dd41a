// The layer over the page: per placed element an outline and a badge with its count, coloured by its
// heat, kept on the element as the page scrolls or resizes. It never takes pointer events, so the
// page below stays usable; an element that is hidden or gone hides its badge.

import { heatColour } from './heat-colour.js';

/** @typedef {import('./aggregation.js').PlacedElement} PlacedElement */

export class Overlay {
  /** @param {HTMLElement} container inside the toolbar's shadow root */
  constructor(container) {
    this.layer = element('div', 'clickmap-layer');
    container.append(this.layer);
    /** @type {Array<{placed: PlacedElement, box: HTMLElement, badge: HTMLElement}>} */
    this.marks = [];
    this.highlight = element('div', 'clickmap-highlight');
    this.highlight.id = 'clickmap-highlight';
    this.highlight.hidden = true;
    this.selected = null;
  }

  /** @param {PlacedElement[]} elements */
  draw(elements) {
    this.layer.replaceChildren();
    this.selected = null;
    this.marks = elements.map((placed) => {
      const colour = heatColour(placed.heat);
      const box = element('div', 'clickmap-box');
      box.style.borderColor = colour.background;
      const badge = element('div', 'clickmap-badge');
      badge.textContent = String(placed.count);
      badge.style.background = colour.background;
      badge.style.color = colour.text;
      badge.dataset.count = String(placed.count);
      badge.dataset.rank = String(placed.rank);
      badge.dataset.share = placed.share.toFixed(4);
      badge.dataset.match = placed.exact ? 'exact' : 'loose';
      badge.title = `${placed.count} clicks, ${(placed.share * 100).toFixed(1)} % of this page's`;
      return { placed, box, badge };
    });
    this.highlight.hidden = true;
    // boxes first, so every badge is drawn above every outline
    this.layer.append(...this.marks.map((m) => m.box), ...this.marks.map((m) => m.badge), this.highlight);
    this.position();
  }

  /** Scrolls the element into the middle of the view and marks it until another is chosen. */
  select(placed) {
    for (const mark of this.marks) {
      if (mark.placed === placed) mark.badge.dataset.selected = '';
      else delete mark.badge.dataset.selected;
    }
    this.selected = placed;
    const target = placed.node.source;
    if (target.isConnected) target.scrollIntoView({ block: 'center', inline: 'nearest' });
    this.position();
  }

  /** Moves every mark onto its element's current box on screen. */
  position() {
    // every box is read before any mark moves: a read after a write lays the page out again, once per mark,
    // which on a page of thousands of marks blocks it for many seconds
    const rects = this.marks.map(({ placed }) => visibleRect(placed.node.source));
    const chosen = this.selected ? visibleRect(this.selected.node.source) : null;
    this.marks.forEach(({ box, badge }, i) => {
      const rect = rects[i];
      box.hidden = badge.hidden = rect === null;
      if (rect === null) return;
      place(box, rect);
      badge.style.left = `${rect.left}px`;
      badge.style.top = `${rect.top}px`;
    });
    this.highlight.hidden = chosen === null;
    if (chosen !== null) place(this.highlight, chosen);
  }
}

function visibleRect(target) {
  if (!target.isConnected) return null;
  const rect = target.getBoundingClientRect();
  return rect.width === 0 && rect.height === 0 ? null : rect;
}

function place(mark, rect) {
  mark.style.left = `${rect.left}px`;
  mark.style.top = `${rect.top}px`;
  mark.style.width = `${rect.width}px`;
  mark.style.height = `${rect.height}px`;
}

function element(tag, className) {
  const created = document.createElement(tag);
  created.className = className;
  return created;
}
