import { lazy, Suspense } from 'react';
import { AppHeader, MAIN_ID } from './components/AppHeader';
import { usePathname } from './hooks/usePathname';
import { useI18n } from './i18n/I18nProvider';
import { NotFoundPage } from './pages/NotFoundPage';
import { ACCOUNT_PATH } from './pages/accounts/accountPaths';

// Each screen is its own chunk, loaded when its path is opened: a school that opens the request form or its
// status link does not download the planning board, the live map or the fairness dashboard.
const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));
const RequestFormPage = lazy(() => import('./pages/RequestFormPage').then((m) => ({ default: m.RequestFormPage })));
const RequestStatusPage = lazy(() =>
  import('./pages/RequestStatusPage').then((m) => ({ default: m.RequestStatusPage })),
);
const InboxPage = lazy(() => import('./pages/InboxPage').then((m) => ({ default: m.InboxPage })));
const PlanningBoardPage = lazy(() =>
  import('./pages/PlanningBoardPage').then((m) => ({ default: m.PlanningBoardPage })),
);
const DaySheetPage = lazy(() => import('./pages/DaySheetPage').then((m) => ({ default: m.DaySheetPage })));
const LiveMapPage = lazy(() => import('./pages/LiveMapPage').then((m) => ({ default: m.LiveMapPage })));
const PublicLivePage = lazy(() => import('./pages/PublicLivePage').then((m) => ({ default: m.PublicLivePage })));
const CrewRoadPage = lazy(() => import('./pages/CrewRoadPage').then((m) => ({ default: m.CrewRoadPage })));
const FairnessPage = lazy(() => import('./pages/FairnessPage').then((m) => ({ default: m.FairnessPage })));
const MyRequestsPage = lazy(() => import('./pages/MyRequestsPage').then((m) => ({ default: m.MyRequestsPage })));
const MyRequestPage = lazy(() => import('./pages/MyRequestPage').then((m) => ({ default: m.MyRequestPage })));
const AccountRoute = lazy(() => import('./pages/accounts/accountRoutes').then((m) => ({ default: m.AccountRoute })));

/** Routes by path; new screens get a line here. */
function routeFor(pathname: string) {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (ACCOUNT_PATH.test(path)) return <AccountRoute path={path} />;
  const statusLink = /^\/status\/([\w-]{20,64})$/.exec(path);
  if (statusLink) return <RequestStatusPage token={statusLink[1]!} />;
  const daySheet = /^\/dagblad\/([a-z0-9-]{2,40})\/(\d{4}-\d{2}-\d{2})$/.exec(path);
  if (daySheet) return <DaySheetPage truckId={daySheet[1]!} date={daySheet[2]!} />;
  const follow = /^\/volg\/([a-z0-9-]{2,40})\/(\d{4}-\d{2}-\d{2})$/.exec(path);
  if (follow) return <PublicLivePage truckId={follow[1]!} date={follow[2]!} />;
  const myRequest = /^\/mijn-aanvragen\/([a-f0-9]{24})$/.exec(path);
  if (myRequest) return <MyRequestPage id={myRequest[1]!} />;
  switch (path) {
    case '/':
      return <HomePage />;
    case '/aanvragen':
      return <RequestFormPage />;
    case '/mijn-aanvragen':
      return <MyRequestsPage />;
    case '/inbox':
      return <InboxPage />;
    case '/planning':
      return <PlanningBoardPage />;
    case '/live':
      return <LiveMapPage />;
    case '/onderweg':
      return <CrewRoadPage />;
    case '/eerlijkheid':
      return <FairnessPage />;
    default:
      return <NotFoundPage />;
  }
}

/** The app frame: header and the screen of the current path. */
export function App() {
  const pathname = usePathname();
  const { t } = useI18n();
  return (
    <div className="app">
      <AppHeader />
      <main className="app-main" id={MAIN_ID} tabIndex={-1}>
        <Suspense fallback={<p role="status">{t('app.loadingPage')}</p>}>{routeFor(pathname)}</Suspense>
      </main>
    </div>
  );
}
