import { useLang } from '../LangContext';
import { LandingPage } from './LandingPage';

export default function LandingRoute() {
  return <LandingPage lang={useLang().lang} />;
}
