import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Screens load as chunks behind a router that runs loaders first; on a busy machine that takes more than a second.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  if (typeof window === 'undefined') return; // node-environment suites (the КЕП module) have no DOM
  cleanup();
  window.localStorage.clear();
  document.documentElement.lang = 'uk';
  document.title = '';
});
