/**
 * Renderer entry. The client is initialised before React renders: in a browser it takes the access
 * token out of the address bar before the router reads the fragment.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initClient } from './api/client';
import { App } from './app/App';
import { preloadRoute } from './app/routes';

initClient();
preloadRoute(window.location.hash);

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
