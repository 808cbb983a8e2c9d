import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/index.js';

/** A deliberate, branded full-page state (404, 403, errors) without antd, so both areas can use it. */
export function StatusPage(props: { code: string; title: string; body: string; actions?: ReactNode }) {
  return (
    <main className="status-page">
      <section className="status-card" role="alert">
        <p className="status-code">{props.code}</p>
        <h1>{props.title}</h1>
        <p>{props.body}</p>
        <div className="status-actions">{props.actions}</div>
      </section>
    </main>
  );
}

export function NotFoundPage({ home = '/' }: { home?: string }) {
  const t = useT();
  return (
    <StatusPage
      code="404"
      title={t('notfound.title')}
      body={t('notfound.body')}
      actions={<Link className="btn btn-primary" to={home}>{t('common.back_home')}</Link>}
    />
  );
}

function ErrorFallback() {
  const t = useT();
  return (
    <StatusPage
      code="!"
      title={t('error.title')}
      body={t('error.body')}
      actions={<button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>{t('common.reload')}</button>}
    />
  );
}

/** Catches render errors of a page and shows the error page instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('page error', error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <ErrorFallback /> : this.props.children;
  }
}

export function PageLoading() {
  const t = useT();
  return <div className="page-loading" aria-busy="true">{t('common.loading')}</div>;
}
