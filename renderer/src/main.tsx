/**
 * Renderer entry. The client is initialised before React renders: in a browser it takes the access
 * token out of the address bar before the router reads the fragment. The first screen's calls are
 * started then too, so their answers travel while React renders.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initClient } from './api/client';
import { startEarly } from './api/early-calls';
import { App } from './app/App';
import { preloadRoute } from './app/routes';

initClient();
// What every signed-in start asks first, asked before React renders (early-calls.ts); the page's
// own first queries are started with its chunk.
startEarly('auth/state', {});
startEarly('system/info', {});
preloadRoute(window.location.hash);

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
