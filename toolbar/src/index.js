// The entry posthog-js calls once it loaded /static/toolbar.js: `window.ph_load_toolbar(params, posthog)`,
// the only global the bundle defines. A second call (posthog.loadToolbar again, a new launch) replaces
// the open toolbar; a launch link without what the toolbar needs opens the panel with the reason.

import { LaunchError, readLaunch } from './launch.js';
import { Toolbar } from './toolbar.js';

let open = null;

function loadToolbar(params) {
  const start = () => {
    if (open) open.remove();
    let launch;
    let problem = null;
    try {
      launch = readLaunch(params);
    } catch (error) {
      if (!(error instanceof LaunchError)) throw error;
      problem = error.message;
      launch = { apiUrl: '', environmentId: '', temporaryToken: '' };
    }
    open = new Toolbar(launch);
    open.open(document, problem);
  };
  // posthog-js may load the script before the page finished parsing; matching needs the whole page
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

window.ph_load_toolbar = loadToolbar;
