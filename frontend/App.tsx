import { AppHeader } from './components/AppHeader';
import { usePathname } from './hooks/usePathname';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { accountRouteFor } from './pages/accounts/accountRoutes';
import { DaySheetPage } from './pages/DaySheetPage';
import { InboxPage } from './pages/InboxPage';
import { PlanningBoardPage } from './pages/PlanningBoardPage';
import { RequestFormPage } from './pages/RequestFormPage';
import { RequestStatusPage } from './pages/RequestStatusPage';
import { CrewRoadPage } from './pages/CrewRoadPage';
import { FairnessPage } from './pages/FairnessPage';
import { LiveMapPage } from './pages/LiveMapPage';
import { PublicLivePage } from './pages/PublicLivePage';

/** Routes by path; new screens get a line here. */
function routeFor(pathname: string) {
  const path = pathname.replace(/\/+$/, '') || '/';
  const accountPage = accountRouteFor(path);
  if (accountPage) return accountPage;
  const statusLink = /^\/status\/([\w-]{20,64})$/.exec(path);
  if (statusLink) return <RequestStatusPage token={statusLink[1]!} />;
  const daySheet = /^\/dagblad\/([a-z0-9-]{2,40})\/(\d{4}-\d{2}-\d{2})$/.exec(path);
  if (daySheet) return <DaySheetPage truckId={daySheet[1]!} date={daySheet[2]!} />;
  const follow = /^\/volg\/([a-z0-9-]{2,40})\/(\d{4}-\d{2}-\d{2})$/.exec(path);
  if (follow) return <PublicLivePage truckId={follow[1]!} date={follow[2]!} />;
  switch (path) {
    case '/':
      return <HomePage />;
    case '/aanvragen':
      return <RequestFormPage />;
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
  return (
    <div className="app">
      <AppHeader />
      <main className="app-main" id="main">
        {routeFor(pathname)}
      </main>
    </div>
  );
}
