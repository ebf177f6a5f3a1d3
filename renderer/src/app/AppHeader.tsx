/** The dark title bar: the product's name, and on the right what the screen puts there. */
import { type ReactNode } from 'react';
import { APP_TEXT } from './app.strings';

export function AppHeader({ extra }: { extra?: ReactNode }) {
  return (
    <header className="app-header">
      <span className="app-brand">
        <span className="app-brand-mark">{APP_TEXT.mark}</span>
        {APP_TEXT.name}
        <span className="app-brand-en">{APP_TEXT.nameEn}</span>
      </span>
      <span className="app-header-extra">{extra ?? APP_TEXT.tagline}</span>
    </header>
  );
}
