// The toolbar's only CSS, placed inside its shadow root: nothing here can reach the page, and
// `:host { all: initial }` keeps the page's inherited styles (fonts, colours) out of the toolbar.

export const STYLES = `
:host { all: initial; }
.clickmap-root { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a; }
.clickmap-layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483646; overflow: hidden; }
.clickmap-box { position: fixed; box-sizing: border-box; border: 2px solid; border-radius: 3px; opacity: 0.55; }
.clickmap-badge { position: fixed; transform: translate(-40%, -55%); min-width: 18px; padding: 1px 6px; border-radius: 10px;
  font: 600 11px/16px system-ui, sans-serif; text-align: center; box-shadow: 0 1px 3px rgba(0,0,0,.35); white-space: nowrap; }
.clickmap-box[hidden], .clickmap-badge[hidden], .clickmap-highlight[hidden] { display: none; }
.clickmap-badge[data-selected] { outline: 2px solid #2563eb; outline-offset: 1px; }
.clickmap-highlight { position: fixed; box-sizing: border-box; border: 3px solid #2563eb; border-radius: 4px;
  box-shadow: 0 0 0 4px rgba(37,99,235,.25); }
#clickmap-panel { position: fixed; right: 16px; bottom: 16px; width: 320px; max-height: 70vh; overflow: auto; z-index: 2147483647;
  background: #fff; border: 1px solid #d4d4d8; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 10px 12px; }
#clickmap-panel header { display: flex; align-items: center; justify-content: space-between; margin-bottom: 6px; }
#clickmap-panel h2 { font-size: 14px; margin: 0; }
#clickmap-panel label { display: block; margin: 4px 0; }
#clickmap-panel select { font: inherit; margin-left: 4px; }
#clickmap-panel fieldset { border: 0; padding: 0; margin: 6px 0; }
#clickmap-panel fieldset label { display: inline-block; margin-right: 10px; }
#clickmap-panel legend { padding: 0; font-weight: 600; }
#clickmap-panel button { font: inherit; cursor: pointer; }
#clickmap-close { border: 0; background: none; font-size: 18px; line-height: 1; padding: 0 4px; }
#clickmap-error { background: #fef2f2; color: #991b1b; border: 1px solid #fecaca; border-radius: 4px; padding: 6px 8px; margin: 6px 0; }
.clickmap-summary { margin: 6px 0; color: #52525b; }
.clickmap-list { list-style: none; margin: 0; padding: 0; }
.clickmap-row button { display: flex; width: 100%; gap: 6px; align-items: baseline; text-align: left; border: 0; background: none;
  padding: 3px 2px; border-radius: 4px; }
.clickmap-row button:hover, .clickmap-row[aria-current] button { background: #eff6ff; }
.clickmap-row .clickmap-count { font-weight: 600; min-width: 3em; }
.clickmap-row .clickmap-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
`;
