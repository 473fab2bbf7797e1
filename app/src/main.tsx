import { render } from 'preact';

import './styles.css';
import { loadConfig } from './config';
import { AppProvider } from './state';
import { type Route, ROUTES, Shell } from './components/Shell';
import { useHashRoute } from './lib/hooks';
import { ClinicianPage } from './pages/Clinician';
import { PatientPage } from './pages/Patient';
import { PharmacyPage } from './pages/Pharmacy';
import { RegistryPage } from './pages/Registry';
import { TrialsPage } from './pages/Trials';
import { VerifyPage } from './pages/Verify';

const PAGES: Record<Route, () => preact.JSX.Element> = {
  verify: VerifyPage,
  patient: PatientPage,
  clinician: ClinicianPage,
  pharmacy: PharmacyPage,
  trials: TrialsPage,
  registry: RegistryPage,
};

function App() {
  const hash = useHashRoute('verify');
  const route: Route = (ROUTES.some((r) => r.path === hash) ? hash : 'verify') as Route;
  const Page = PAGES[route];
  const title = ROUTES.find((r) => r.path === route)?.title;
  if (document.title !== `${title} · HealthChain`) document.title = `${title} · HealthChain`;
  return (
    <Shell route={route}>
      <Page />
    </Shell>
  );
}

loadConfig().then((config) => {
  render(
    <AppProvider config={config}>
      <App />
    </AppProvider>,
    document.getElementById('app')!,
  );
});
