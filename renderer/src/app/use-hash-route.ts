/**
 * Minimal hash routing (`#/roster`, `#/org`…): no router package, deep links and the back button
 * work, and in the browser the `#token=…` fragment has already been taken by the client.
 */
import { useCallback, useEffect, useState } from 'react';

function readKey(): string {
  const match = /^#\/([A-Za-z0-9_-]+)/.exec(window.location.hash);
  return match?.[1] ?? '';
}

export function useHashRoute(
  knownKeys: readonly string[],
  fallback: string,
): [string, (key: string) => void] {
  const [key, setKey] = useState(readKey);

  useEffect(() => {
    const onChange = (): void => setKey(readKey());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const isKnown = knownKeys.includes(key);
  useEffect(() => {
    // Replace rather than push, so Back does not return to an empty or unknown address.
    if (!isKnown) window.history.replaceState(null, '', `#/${fallback}`);
  }, [isKnown, fallback]);

  const navigate = useCallback((next: string) => {
    window.location.hash = `#/${next}`;
  }, []);

  return [isKnown ? key : fallback, navigate];
}
