import { AppHeader } from './components/AppHeader';
import { usePathname } from './hooks/usePathname';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';

/** Routes by path; new screens get a line here. */
function routeFor(pathname: string) {
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/':
      return <HomePage />;
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
