// The colour of a badge from its element's heat (its clicks relative to the most clicked element):
// pale yellow for the fewest, deep red for the most, the same scale on every page.

const COOLEST_HUE = 55;

/**
 * @param {number} heat 0..1
 * @returns {{background: string, text: string}}
 */
export function heatColour(heat) {
  const bounded = Math.min(1, Math.max(0, Number.isFinite(heat) ? heat : 0));
  const hue = Math.round(COOLEST_HUE * (1 - bounded));
  const lightness = Math.round(62 - 17 * bounded);
  return { background: `hsl(${hue}, 95%, ${lightness}%)`, text: hue > 30 ? '#1a1a1a' : '#ffffff' };
}
