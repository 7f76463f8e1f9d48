import type { ReactNode } from 'react';

/** The frame of the signed-out pages: brand, title and the form. */
export function AuthFrame({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth-card">
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden="true" />
          botfleet
        </div>
        <h1>{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
        {children}
      </div>
      <p className="auth-foot">Broadcasts, subscribers and health for every Telegram bot you run.</p>
    </main>
  );
}
