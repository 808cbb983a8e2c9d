import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { homeFor, useMe } from './services/auth.js';
import { ErrorBoundary, NotFoundPage, PageLoading } from './components/StatusPage.js';
import { I18nProvider } from './i18n/index.js';
import './base.css';

// Route-level split: the admin console (antd) and the light mobile pages never load each other.
const AdminApp = lazy(() => import('./pages/admin/AdminApp.js'));
const LoginPage = lazy(() => import('./pages/admin/LoginPage.js'));
const MobileApp = lazy(() => import('./pages/m/MobileApp.js'));
const RegisterPage = lazy(() => import('./pages/admin/RegisterPage.js'));
const SeasonScreen = lazy(() => import('./pages/screen/SeasonScreen.js'));
const ContestScreen = lazy(() => import('./pages/screen/ContestScreen.js'));

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
});

function Home() {
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (me.data) return <Navigate to={homeFor(me.data, null)} replace />;
  // Phones go to the mobile home; desktops to the login of the console.
  const narrow = window.matchMedia('(max-width: 768px)').matches;
  return <Navigate to={narrow ? '/m' : '/login'} replace />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ErrorBoundary>
          <BrowserRouter>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/" element={<Home />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/register" element={<RegisterPage />} />
                <Route path="/admin/*" element={<AdminApp />} />
                <Route path="/m/*" element={<MobileApp />} />
                <Route path="/screen/seasons/:id" element={<SeasonScreen />} />
                <Route path="/screen/contests/:id" element={<ContestScreen />} />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </ErrorBoundary>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
